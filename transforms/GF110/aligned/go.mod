module example.com/aligned

go 1.22

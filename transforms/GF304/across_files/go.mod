module example.com/across

go 1.21

module example.com/multi_reader

go 1.22

module example.com/reentrant_reader

go 1.22

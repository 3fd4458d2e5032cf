module example.com/few_readers

go 1.22

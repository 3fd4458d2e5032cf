module example.com/build_raised

go 1.21

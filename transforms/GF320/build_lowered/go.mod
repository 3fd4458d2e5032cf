module example.com/build_lowered

go 1.22

module example.com/line_directive

go 1.21

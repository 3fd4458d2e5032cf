module example.com/no_go_line

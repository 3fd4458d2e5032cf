module example.com/exported_field

go 1.22

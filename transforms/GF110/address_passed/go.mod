module example.com/address_passed

go 1.22

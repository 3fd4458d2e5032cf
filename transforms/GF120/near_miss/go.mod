module example.com/near_miss

go 1.22

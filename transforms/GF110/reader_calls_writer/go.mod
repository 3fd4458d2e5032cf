module example.com/reader_calls_writer

go 1.22

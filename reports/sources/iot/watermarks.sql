select * from watermarks

select * from reboot_storms

select * from sitewise_reconciliation

"""Open Referral HSDS 3.0: the directory as an HSDS API (`api`, `urls`), and the reader of HSDS
files of services (`reader`)."""

-- m_rtr_default_null: the source table.  Groups BIG (AMOUNT > 100) and WEB
-- (CHANNEL = 'WEB') are tested independently, so transaction 1 goes to both
-- BIG and WEB.  A group takes a row only when its condition is TRUE: 7
-- (BIG true, WEB NULL) goes to BIG only, 9 (BIG NULL, WEB true) to WEB
-- only.  DEFAULT1 takes the rows no group took, including those whose
-- conditions are NULL: 5 (NULL amount, STORE), 6 (both NULL), 4 (both
-- false) and 8 (100 is not > 100; 'web' <> 'WEB', case-sensitive).
CREATE TABLE transactions (
	txn_id numeric(10, 0) PRIMARY KEY,
	amount numeric(12, 2),
	channel varchar(10)
);
INSERT INTO transactions VALUES
	(1, 150, 'WEB'), (2, 150, 'STORE'), (3, 50, 'WEB'), (4, 50, 'STORE'),
	(5, NULL, 'STORE'), (6, NULL, NULL), (7, 200, NULL), (8, 100, 'web'), (9, NULL, 'WEB');

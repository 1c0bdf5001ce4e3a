-- m_lkp_connected_last: the source table and the lookup table.  Expected rows
-- (tgt_account_segment): the lookup cache holds only ACTIVE_FLAG = 'Y' rows
-- (Lookup Source Filter) ordered by the lookup ports (CUSTOMER_ID, SEGMENT);
-- Use Last Value returns the last of the matches: customer 1 -> SILVER
-- (BRONZE < GOLD < SILVER), customer 2 -> GOLD (PLATINUM is inactive),
-- customer 3 -> NULL (its only row is inactive), customer 4 -> NULL (no
-- row), a NULL key matches nothing (not even the NULL-key lookup row).
CREATE TABLE accounts (
	account_id numeric(10, 0) PRIMARY KEY,
	customer_id numeric(10, 0),
	balance numeric(12, 2)
);
CREATE TABLE customer_segments (
	customer_id numeric(10, 0),
	segment varchar(10),
	active_flag varchar(1)
);
INSERT INTO customer_segments VALUES
	(1, 'BRONZE', 'Y'), (1, 'SILVER', 'Y'), (1, 'GOLD', 'Y'),
	(2, 'GOLD', 'Y'), (2, 'PLATINUM', 'N'),
	(3, 'SILVER', 'N'),
	(NULL, 'GOLD', 'Y');
INSERT INTO accounts VALUES
	(100, 1, 10), (101, 2, 0), (102, 3, 55.10), (103, 4, 1), (104, NULL, 2.50), (105, 1, NULL);

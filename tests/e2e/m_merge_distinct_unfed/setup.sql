-- m_merge_distinct_unfed: the source table (with a duplicate row, which the
-- distinct Source Qualifier drops) and the lookup table.  Expected rows
-- (tgt_account_notes): one per distinct account row; SEGMENT from the lookup
-- (last value in cache order, active rows only: customer 1 -> SILVER,
-- customer 2 -> GOLD, a NULL key -> NULL); DOUBLE_BALANCE = BALANCE * 2 from
-- the parallel Expression branch, rejoined with the lookup branch row by row;
-- NOTE = 'none' because ORDER's input port NOTE_IN is fed by nothing, so it is
-- NULL on every row.
CREATE TABLE accounts (
	account_id numeric(10, 0),
	customer_id numeric(10, 0),
	balance numeric(12, 2)
);
CREATE TABLE customer_segments (
	customer_id numeric(10, 0),
	segment varchar(10),
	active_flag varchar(1)
);
INSERT INTO customer_segments VALUES
	(1, 'BRONZE', 'Y'), (1, 'SILVER', 'Y'),
	(2, 'GOLD', 'Y'), (2, 'PLATINUM', 'N'),
	(NULL, 'GOLD', 'Y');
INSERT INTO accounts VALUES
	(100, 1, 10), (100, 1, 10), (101, 2, 0), (104, NULL, 2.50), (105, 1, NULL);

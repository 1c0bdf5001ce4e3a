-- m_agg_const_keys: Aggregators grouped by ports that carry constants.
-- AGG_REGION groups by REGION (connected), CHANNEL (an input/output port no
-- link feeds: NULL on every row), BATCH ('B1') and SEQ_LEVEL (1), output
-- ports whose expression is a literal.  A constant is the same on every
-- row, so the groups are the regions: E (10.00 + 5.50, two amounts), W
-- (2.00; its NULL amount is not counted), N (only a NULL amount: SUM is
-- NULL, COUNT 0).  Each row carries CHANNEL NULL, BATCH 'B1', SEQ_LEVEL 1.
-- AGG_ALL groups by constants only (CHANNEL unfed with default 'WEB', BATCH
-- 'ALL'): one group over all rows, 17.50 from three amounts.
CREATE TABLE orders (
	region varchar(5),
	amount numeric(12, 2)
);
INSERT INTO orders VALUES
	('E', 10), ('W', NULL), ('N', NULL), ('E', 5.50), ('W', 2);

-- m_agg_filter_totals: the source table.  Expected rows (tgt_region_totals):
-- the filter QTY > 0 drops sale 3 (0), sale 9 (-1, so no SOUTH group) and
-- sale 8 (NULL quantity: the condition is NULL, the row does not pass, so
-- no NORTH group).  The aggregator groups by REGION, NULL being one group
-- of its own.  Aggregates ignore NULLs: WEST has only NULL amounts, so
-- SUM and MAX are NULL and COUNT(AMOUNT) is 0; EAST counts 2 of 3 amounts.
CREATE TABLE sales (
	sale_id numeric(10, 0) PRIMARY KEY,
	region varchar(10),
	product varchar(10),
	qty numeric(10, 0),
	amount numeric(12, 2)
);
INSERT INTO sales VALUES
	(1, 'EAST', 'A', 2, 10),
	(2, 'EAST', 'B', 3, 5.50),
	(3, 'EAST', 'A', 0, 100),
	(4, 'WEST', 'A', 1, NULL),
	(5, 'WEST', 'B', 4, NULL),
	(6, NULL, 'A', 1, 7.25),
	(7, NULL, 'C', 2, 2.75),
	(8, 'NORTH', 'A', NULL, 50),
	(9, 'SOUTH', 'A', -1, 9.99),
	(10, 'EAST', 'C', 1, NULL);

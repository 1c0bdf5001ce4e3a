-- m_agg_first_sorted: the Sorter orders the rows by REGION, SALE_ID, so the
-- Aggregator sees E: 1 2 3 and W: 4 5.  Expected rows (tgt_region_reps):
-- FIRST(REP) is the first non-NULL REP (E: 'bob', row 1's is NULL; W: 'al');
-- LAST(AMOUNT) the last non-NULL AMOUNT (E: 7.00; W: 1.00, row 5's is NULL);
-- REP, neither grouped nor aggregated, is the last row's value, NULL
-- included (E: 'cy'; W: NULL).
CREATE TABLE sales (
	region varchar(5),
	sale_id numeric(10, 0),
	rep varchar(10),
	amount numeric(12, 2)
);
INSERT INTO sales VALUES
	('E', 3, 'cy', 7), ('W', 5, NULL, NULL), ('E', 1, NULL, 5), ('W', 4, 'al', 1),
	('E', 2, 'bob', NULL);

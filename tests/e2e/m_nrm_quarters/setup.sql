-- m_nrm_quarters: the source table.  The Normalizer field SALES occurs 4
-- times: every input row gives 4 output rows, one per occurrence, with
-- GCID_SALES = the occurrence number 1..4 (-> QUARTER) and STORE_NAME
-- repeated.  A NULL occurrence (South, Q2) still gives its row, with a NULL
-- SALES; 0 is a value.  A NULL store name is repeated as NULL.
CREATE TABLE store_quarters (
	store_name varchar(20),
	q1_sales numeric(10, 0),
	q2_sales numeric(10, 0),
	q3_sales numeric(10, 0),
	q4_sales numeric(10, 0)
);
INSERT INTO store_quarters VALUES
	('North', 10, 20, 30, 40), ('South', 5, NULL, 0, 7), (NULL, 1, 1, 1, 1);

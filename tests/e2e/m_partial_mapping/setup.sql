-- m_partial_mapping: a mapping exported without its reusable dependents
-- (pmrep ObjectExport without -r): the mapplet MPLT_CLEANSE and the
-- reusable Expression EXP_ROUND are not in the file.  They become
-- placeholders (W0320, W0603); tgt_f_orders reads them and is not checked
-- here.  The other branch converts as if the export were complete:
--
-- tgt_f_orders_raw (SQ_ORDERS -> FIL_POSITIVE, condition AMOUNT > 0):
--   1 (10.00) and 5 (0.01) pass;
--   2 (-5.00) and 4 (0.00) fail the condition;
--   3 (NULL amount): NULL > 0 is NULL, and the Filter transformation drops
--   a row whose condition is NULL (it passes only TRUE rows).
CREATE TABLE orders (
	order_id numeric(10, 0) PRIMARY KEY,
	amount numeric(12, 2)
);
INSERT INTO orders VALUES
	(1, 10.00),
	(2, -5.00),
	(3, NULL),
	(4, 0.00),
	(5, 0.01);

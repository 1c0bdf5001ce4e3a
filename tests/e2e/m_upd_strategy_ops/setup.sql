-- m_upd_strategy_ops: the source table.  Update Strategy Expression:
-- IIF(ISNULL(CUSTOMER_ID), DD_REJECT, DECODE(ACTION_CODE, 'D', DD_DELETE,
-- 'U', DD_UPDATE, DD_INSERT)).  Expected rows (tgt_customers_dim, last
-- column akko_operation): the NULL-key row is 'reject' (Forward Rejected
-- Rows = YES, so it reaches the target and is written to the reject file
-- there); a NULL action code matches no DECODE value and takes the default
-- DD_INSERT; 'u' is not 'U' (case-sensitive) and is an insert too.
CREATE TABLE customer_changes (
	change_id numeric(10, 0) PRIMARY KEY,
	customer_id numeric(10, 0),
	customer_name varchar(40),
	action_code varchar(1)
);
INSERT INTO customer_changes VALUES
	(1, 1, 'Acme', 'I'), (2, 2, 'Globex', 'U'), (3, 3, 'Initech', 'D'),
	(4, NULL, 'Nobody', 'I'), (5, 4, 'Hooli', NULL), (6, 5, 'Umbrella', 'u');

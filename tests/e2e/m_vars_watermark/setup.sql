-- m_vars_watermark: the mapping-variable functions over the rows SRT_ORDERS
-- orders by ORDER_ID (inserted out of order on purpose).
CREATE TABLE orders (order_id numeric(10,0), cust_id text, amount numeric(12,2), updated_at timestamp);
INSERT INTO orders VALUES
  (3, 'C030', 250.00, '2024-01-20 08:00:00'),
  (1, 'C100', 120.00, '2024-01-10 09:00:00'),
  (4, 'C010', NULL, NULL),
  (2, 'C020', 80.00, '2024-01-18 12:00:00'),
  (5, 'C040', 90.00, '2024-01-16 00:00:00');
-- The start values, as a runner sets them from what the last run persisted
-- (every session of this database reads them).
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET akko.last_run = %L', current_database(), '01/15/2024 00:00:00.000000');
  EXECUTE format('ALTER DATABASE %I SET akko.row_count = %L', current_database(), '10');
  EXECUTE format('ALTER DATABASE %I SET akko.min_amount = %L', current_database(), '100.00');
  EXECUTE format('ALTER DATABASE %I SET akko.last_cust = %L', current_database(), 'C050');
END $$;

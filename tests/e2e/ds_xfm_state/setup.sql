-- ds_xfm_state: the orders the connector's SELECT reads (ORDER BY cust_id,
-- order_id: the order the Transformer's rows arrive in) and the job
-- parameter MIN_AMT at its declared default, 10 (the runner sets akko.min_amt).
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET akko.min_amt = %L', current_database(), '10');
END $$;
CREATE TABLE orders (cust_id integer NOT NULL, order_id integer NOT NULL, amount numeric(10,2));
INSERT INTO orders VALUES
  (1, 1, 50.00),
  (1, 2, 150.00),
  (1, 3, 5.00),    -- below MIN_AMT: not read
  (2, 4, 20.00),
  (2, 5, 30.00),
  (3, 6, NULL),    -- NULL >= 10 is not true: not read
  (3, 7, 200.00);

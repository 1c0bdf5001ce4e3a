-- ds_lookup_actions: one Lookup stage per lookup failure action.
-- Order 3 names customer 99, which the reference link does not hold: it is
-- the row each action treats differently.  Customer 20 has a NULL region,
-- which a match returns as NULL (it is not a failure).
CREATE TABLE orders (order_id integer NOT NULL, cust_id integer, amount numeric(10,2));
INSERT INTO orders VALUES
  (1, 10, 100.00),
  (2, 20, 50.50),
  (3, 99, 7.25),
  (4, 30, 12.00),
  (5, 10, 3.00);
CREATE TABLE customers (id integer NOT NULL, cust_name varchar(20), region varchar(20));
INSERT INTO customers VALUES
  (10, 'Ann', 'North'),
  (20, 'Bob', NULL),
  (30, 'Cy', 'South');

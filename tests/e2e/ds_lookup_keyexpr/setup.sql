-- ds_lookup_keyexpr: the stream names its customer (cust_id holds the
-- customer's name); the reference link's key column of the table
-- definition is id, but the lookup key is cust_name, the column given the
-- Key Expression l_ord_continue.cust_id.
CREATE TABLE orders (order_id integer NOT NULL, cust_id varchar(10), amount numeric(10,2));
INSERT INTO orders VALUES
  (1, 'Ann', 100.00),
  (2, 'Bob', 50.50),
  (3, 'Zed', 7.25),   -- no customer of that name
  (4, NULL, 12.00);   -- a NULL key matches nothing
CREATE TABLE customers (id integer NOT NULL, cust_name varchar(20), region varchar(20));
INSERT INTO customers VALUES
  (10, 'Ann', 'North'),
  (20, 'Bob', NULL),
  (30, 'Cy', 'South');

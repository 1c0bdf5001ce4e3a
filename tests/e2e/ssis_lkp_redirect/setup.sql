-- ssis_lkp_redirect: orders looked up in customers by code.
CREATE TABLE orders (id integer, cust_code varchar(10), amount numeric(10,2));
CREATE TABLE customers (code varchar(10), name varchar(40));
INSERT INTO orders VALUES
  (1, 'A', 10.00),
  (2, 'B', 20.50),
  (3, 'Z', 30.00),   -- no customer Z: no match output
  (4, NULL, 40.00),  -- NULL code: matches nothing (equi-join)
  (5, 'a', 50.00);   -- full cache compares case-sensitively: 'a' is not 'A'
INSERT INTO customers VALUES ('A', 'Alice'), ('B', 'Bob'), ('C', 'Carol');

-- ssis_lkp_fail: order 3's customer Z is missing, so the Lookup fails.
CREATE TABLE orders (id integer, cust_code varchar(10));
CREATE TABLE customers (code varchar(10), name varchar(40));
INSERT INTO orders VALUES (1, 'A'), (2, 'B'), (3, 'Z');
INSERT INTO customers VALUES ('A', 'Alice'), ('B', 'Bob');

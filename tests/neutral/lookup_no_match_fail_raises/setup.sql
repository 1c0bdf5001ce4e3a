-- order 4 names no customer: with the fail policy (SSIS's default) the run fails
CREATE TABLE customers (cust_key integer, name text);
INSERT INTO customers VALUES (10, 'Ann'), (20, 'Bob');
CREATE TABLE orders (id integer, cust_id integer);
INSERT INTO orders VALUES (1, 10), (2, 20), (3, 10), (4, 30);

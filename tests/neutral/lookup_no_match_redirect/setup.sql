-- orders 2 (no such customer) and 4 (NULL key) go to the no-match output
CREATE TABLE customers (cust_key integer, name text);
INSERT INTO customers VALUES (10, 'Ann'), (20, 'Bob');
CREATE TABLE orders (id integer, cust_id integer);
INSERT INTO orders VALUES (1, 10), (2, 30), (3, 20), (4, NULL);

-- every order finds its customer: the fail policy lets every row through
CREATE TABLE customers (cust_key integer, name text);
INSERT INTO customers VALUES (10, 'Ann'), (20, 'Bob');
CREATE TABLE orders (id integer, cust_id integer);
INSERT INTO orders VALUES (1, 10), (2, 20), (3, 10);

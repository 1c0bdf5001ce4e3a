-- m_jnr_master_outer: detail ORDERS, master CUSTOMERS.  Expected rows
-- (tgt_order_customer): a Master Outer Join keeps every detail row and the
-- matching master rows (orders LEFT JOIN customers).  Order 12 (customer 9)
-- and order 13 (NULL customer: NULL never matches) are kept with a NULL
-- name; order 11 matches the two rows of customer 2 and appears twice;
-- customer 3, a master row without detail, is dropped.
CREATE TABLE orders (
	order_id numeric(10, 0) PRIMARY KEY,
	customer_id numeric(10, 0),
	amount numeric(12, 2)
);
CREATE TABLE customers (
	customer_id numeric(10, 0),
	customer_name varchar(40)
);
INSERT INTO customers VALUES (1, 'Acme'), (2, 'Globex'), (2, 'Globex EU'), (3, 'Initech');
INSERT INTO orders VALUES (10, 1, 100), (11, 2, 50), (12, 9, 5), (13, NULL, 1);

-- m_sq_user_join: two source tables read by one Source Qualifier.  Expected
-- rows (tgt_order_report): the user-defined join ORDERS.CUSTOMER_ID =
-- CUSTOMERS.CUSTOMER_ID is an inner join done by the source database, so
-- order 13 (customer 9, unknown) and order 14 (NULL customer) are dropped,
-- customer 3 (no orders) gives nothing, and order 12 appears twice because
-- customer 2 has two rows.  A NULL amount is carried as NULL.
CREATE TABLE orders (
	order_id numeric(10, 0) PRIMARY KEY,
	customer_id numeric(10, 0),
	amount numeric(12, 2)
);
CREATE TABLE customers (
	customer_id numeric(10, 0),
	customer_name varchar(40)
);
INSERT INTO customers VALUES
	(1, 'Acme'), (2, 'Globex'), (2, 'Globex Ltd'), (3, 'Initech');
INSERT INTO orders VALUES
	(10, 1, 100.50), (11, 1, 20), (12, 2, NULL), (13, 9, 5), (14, NULL, 7.25);

-- m_sq_unread_source: two Source Qualifiers, each associated with a source
-- none of whose fields is connected.  PowerCenter's generated query reads
-- every associated source, so the join and the filter on the unconnected
-- one apply in the source database.
--
-- tgt_eu_orders (SQ_ORDERS: ORDERS joined to CUSTOMERS by the User Defined
-- Join ORDERS.CUST_ID = CUSTOMERS.ID, Source Filter CUSTOMERS.REGION = 'EU';
-- only ORDERS' fields are connected):
--   100 (customer 1, EU) and 106 (customer 1, EU) are kept;
--   105 (customer 4, EU) is kept with its NULL amount;
--   101 (customer 2, US) fails the filter;
--   102 (customer 3, NULL region) fails it too (NULL is not true);
--   103 (NULL customer) and 104 (customer 9, unknown) find no customer:
--   the join is an inner join.
-- tgt_open_items (SQ_ITEMS: ITEMS joined to PRODUCTS by the foreign key of
-- ITEMS.PRODUCT_ID to PRODUCTS.PRODUCT_ID in the source definitions, no
-- User Defined Join; Source Filter PRODUCTS.DISCONTINUED = 'N'; only
-- ITEMS' fields are connected):
--   item 1 (product 1, 'N') is kept, item 6 (product 1) with its NULL qty;
--   item 2 (product 2, 'Y') and item 3 (product 3, NULL flag) fail the
--   filter; item 4 (NULL product) and item 5 (product 7, unknown) find no
--   product.
CREATE TABLE customers (
	id numeric(10, 0) PRIMARY KEY,
	region varchar(10)
);
CREATE TABLE orders (
	order_id numeric(10, 0) PRIMARY KEY,
	cust_id numeric(10, 0),
	amount numeric(12, 2)
);
CREATE TABLE products (
	product_id numeric(10, 0) PRIMARY KEY,
	discontinued char(1)
);
CREATE TABLE items (
	item_id numeric(10, 0) PRIMARY KEY,
	product_id numeric(10, 0),
	qty numeric(5, 0)
);
INSERT INTO customers VALUES (1, 'EU'), (2, 'US'), (3, NULL), (4, 'EU');
INSERT INTO orders VALUES
	(100, 1, 10), (101, 2, 20), (102, 3, 5.50), (103, NULL, 7),
	(104, 9, 8), (105, 4, NULL), (106, 1, 0.25);
INSERT INTO products VALUES (1, 'N'), (2, 'Y'), (3, NULL);
INSERT INTO items VALUES
	(1, 1, 5), (2, 2, 3), (3, 3, 1), (4, NULL, 2), (5, 7, 4), (6, 1, NULL);

-- m_union_channels: the two source tables.  The Union transformation merges
-- its input groups like UNION ALL: nothing is de-duplicated, so the two
-- (2, 20.00) store rows both arrive and the web row (1, 10.00) arrives
-- beside the identical store row.  Web columns have other names
-- (WEB_ORDER_ID, ORDER_TOTAL) and map to SALE_ID, AMOUNT by group port.
CREATE TABLE store_sales (
	sale_id numeric(10, 0),
	amount numeric(12, 2)
);
CREATE TABLE web_sales (
	web_order_id numeric(10, 0),
	order_total numeric(12, 2)
);
INSERT INTO store_sales VALUES (1, 10), (2, 20), (2, 20), (3, NULL);
INSERT INTO web_sales VALUES (1, 10), (4, 5.50);

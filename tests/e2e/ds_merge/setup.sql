-- ds_merge: a master (products) merged with one update link (stock).
-- Product 2 has no stock row; stock row 9 names no product; product 3's
-- stock row has no quantity (a match all the same).
CREATE TABLE products (prod_id integer NOT NULL, prod_name varchar(20));
INSERT INTO products VALUES (1, 'bolt'), (2, 'nut'), (3, 'gear');
CREATE TABLE stock (prod_id integer NOT NULL, qty integer);
INSERT INTO stock VALUES (1, 100), (3, NULL), (9, 5);

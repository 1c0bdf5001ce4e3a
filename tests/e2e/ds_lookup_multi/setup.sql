-- ds_lookup_multi: lookups on a two-column key.
-- Product A in region N has two prices; item 2 (A, S) and item 3 (B, N)
-- have none.
CREATE TABLE items (item_id integer NOT NULL, product varchar(10), region varchar(10));
INSERT INTO items VALUES (1, 'A', 'N'), (2, 'A', 'S'), (3, 'B', 'N');
CREATE TABLE prices (product varchar(10), region varchar(10), price numeric(10,2));
INSERT INTO prices VALUES ('A', 'N', 1.00), ('A', 'N', 1.50), ('B', 'S', 2.00);
CREATE TABLE prices_unique (product varchar(10), region varchar(10), price numeric(10,2));
INSERT INTO prices_unique VALUES ('A', 'N', 1.00), ('B', 'S', 2.00);

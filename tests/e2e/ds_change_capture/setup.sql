-- ds_change_capture: before and after sets of one table.
-- 1 changes its name only, 2 its price only, 3 is deleted, 4 is unchanged,
-- 5 is inserted.
CREATE TABLE before_t (id integer NOT NULL, name varchar(20), price numeric(10,2));
INSERT INTO before_t VALUES (1, 'apple', 1.00), (2, 'pear', 2.00), (3, 'plum', 3.00), (4, 'fig', 4.00);
CREATE TABLE after_t (id integer NOT NULL, name varchar(20), price numeric(10,2));
INSERT INTO after_t VALUES (1, 'Apple', 1.00), (2, 'pear', 2.50), (4, 'fig', 4.00), (5, 'kiwi', 5.00);

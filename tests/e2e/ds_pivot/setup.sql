-- ds_pivot: quarterly sales in three columns, pivoted into three rows per
-- store.  Store 1 has no Q3 figure; store 2 has none at all: its rows are
-- output all the same, with NULL sales.
CREATE TABLE quarterly (store_id integer NOT NULL, city varchar(20), q1 numeric(10,2), q2 numeric(10,2), q3 numeric(10,2));
INSERT INTO quarterly VALUES (1, 'Oslo', 10.00, 20.00, NULL), (2, 'Rome', NULL, NULL, NULL);

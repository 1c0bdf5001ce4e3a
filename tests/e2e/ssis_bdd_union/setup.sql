-- ssis_bdd_union: rows spread over three outputs, then gathered again.
CREATE TABLE sales (id integer, city varchar(20), amount integer);
INSERT INTO sales SELECT i, 'city' || (i % 7), i * 10 FROM generate_series(1, 40) AS i;
INSERT INTO sales VALUES (41, NULL, NULL), (42, 'twin', 5), (43, 'twin', 5);

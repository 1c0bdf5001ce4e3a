-- stage variables in order, rows sorted by id: v_prev reads v_last before the row sets it,
-- so prev_amount is the previous row's amount; the first row gets v_last's declared initial
-- value, -1 (not the tool's default 0); after the NULL amount, the previous value is NULL
CREATE TABLE orders (id integer, amount integer);
INSERT INTO orders VALUES (3, NULL), (1, 10), (4, 40), (2, 20);

-- m_exp_prev_row: variable ports keep their value from the previous row.
-- The Sorter orders the rows by CUST_ID, ORDER_ID: (A,0) (A,1) (A,2) (B,3)
-- (C,5).  Ports are evaluated top to bottom, so v_SEQ compares CUST_ID with
-- v_PREV_CUST before v_PREV_CUST takes this row's CUST_ID: it holds the
-- previous row's ('' on the first row, PowerCenter's initial string).  v_SEQ
-- restarts at 1 for each customer and adds 1 otherwise: 1 2 3 1 1.  v_PRIOR
-- reads v_AMT before it is set: the previous row's AMOUNT, 0 on the first
-- row (the initial number): 0.00 7.00 10.00 20.00 5.00.
CREATE TABLE orders (
	cust_id varchar(10),
	order_id numeric(10, 0),
	amount numeric(12, 2)
);
INSERT INTO orders VALUES
	('B', 3, 5), ('A', 2, 20), ('C', 5, 2), ('A', 0, 7), ('A', 1, 10);

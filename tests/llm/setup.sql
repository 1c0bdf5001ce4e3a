-- The source tables of m_llm_mixed and m_llm_java, with rows whose
-- expected outputs (expected/*.tsv) follow from the fake model's SQL
-- (scenarios/good.json): name_code is the first letter upper-cased, score
-- is 1 above 1000, flag is Y above 100.
CREATE TABLE customers (cust_id numeric(10,0) PRIMARY KEY, last_name text, amount numeric(12,2));
INSERT INTO customers VALUES (1, 'smith', 1500.00), (2, 'Jones', 200.00), (3, NULL, NULL), (4, 'ortiz', 1000.00);
CREATE TABLE orders (order_id numeric(10,0) PRIMARY KEY, amount numeric(12,2));
INSERT INTO orders VALUES (10, 150.00), (11, 100.00), (12, NULL);

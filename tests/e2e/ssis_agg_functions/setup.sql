-- ssis_agg_functions: Count distinct, Count all, Count, Average, Minimum
-- by dept, and a second output with no group-by column (the whole input).
CREATE TABLE emps (dept varchar(10), emp varchar(10), salary numeric(10,2), bonus integer);
INSERT INTO emps VALUES
  ('A', 'ann', 100.00, 10),
  ('A', 'bob', 200.00, NULL),
  ('A', 'ann', 300.00, 5),    -- ann again: counted once by Count distinct
  ('B', 'cid', 50.00, NULL),
  ('B', NULL, 150.00, 1);     -- NULL emp: not counted by Count distinct

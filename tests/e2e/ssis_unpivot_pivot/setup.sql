-- ssis_unpivot_pivot: quarterly columns unpivoted into rows, then pivoted back.
CREATE TABLE sales_wide (shop integer, units_q1 integer, units_q2 integer, amount_q1 integer, amount_q2 integer);
INSERT INTO sales_wide VALUES
  (1, 10, 20, 100, 200),     -- both quarters: two rows
  (2, NULL, 5, NULL, 50),    -- Q1 has no value at all: only the Q2 row
  (3, 7, NULL, NULL, 70);    -- Q1 has units only, Q2 amount only: two rows with a NULL each

-- ssis_sort_desc_multi: a Sort by region ascending (position 1), then
-- amount descending (position -2); no row is removed.
CREATE TABLE sales (id integer, region varchar(10), amount integer);
INSERT INTO sales VALUES
  (1, 'South', 10),
  (2, 'North', 5),
  (3, 'North', 20),
  (4, 'South', 30),
  (5, 'North', 20);  -- equal keys with row 3: both kept (no EliminateDuplicates)

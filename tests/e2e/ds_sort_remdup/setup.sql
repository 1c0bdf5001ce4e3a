-- ds_sort_remdup: Sort stages (key change column, allow duplicates false)
-- and a Sort then Remove Duplicates keeping the last row of each region.
-- The first two rows are the same row twice (equal keys and values); South
-- has a sale without a date, which sorts first (Nulls position First, the
-- default) and so is not South's last row.
CREATE TABLE sales (region varchar(20), sale_date date, amount numeric(10,2), note varchar(20));
INSERT INTO sales VALUES
  ('North', '2024-01-05', 10.00, 'a'),
  ('North', '2024-01-05', 10.00, 'a'),
  ('North', '2024-02-01', 20.00, 'b'),
  ('South', '2024-01-10', 5.00, 'c'),
  ('South', NULL, 7.00, 'd'),
  ('East', '2024-03-01', NULL, 'e'),
  (NULL, '2024-01-01', 1.00, 'f');

-- ssis_sort_dedup: a Sort on (region, city) removing rows with duplicate
-- sort values; amount is passed through but is not a sort key.
CREATE TABLE visits (region varchar(10), city varchar(10), amount integer);
INSERT INTO visits VALUES
  ('North', 'Avon', 1),
  ('North', 'Avon', 2),   -- same sort values as the row above, another amount: removed
  ('North', 'Bath', 3),
  ('South', 'Avon', 4),
  ('South', 'Avon', 4);   -- a whole duplicate: removed

-- ssis_agg_two_outputs: one Aggregate, two outputs, each its own GROUP BY.
CREATE TABLE sales (region varchar(10), product varchar(10), qty integer);
INSERT INTO sales VALUES
  ('North', 'apple', 5),
  ('North', 'pear', 3),
  ('South', 'apple', 2),
  ('South', 'apple', NULL),  -- NULL qty: left out of Sum, Count and Maximum
  (NULL, 'pear', 4);         -- NULL region: a group of its own

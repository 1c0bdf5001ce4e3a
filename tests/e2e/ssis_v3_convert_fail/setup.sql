-- ssis_v3_convert_fail: a quantity that is not a number; the conversion's error disposition is Fail Component.
CREATE TABLE customers (cust_id integer, name varchar(40), state varchar(2), email varchar(60), qty_txt varchar(10));
INSERT INTO customers VALUES
  (1, 'Ann Lee', 'ny', 'Ann@Example.COM', '12'),
  (2, 'Bo', 'Ca', NULL, 'twelve');     -- not an integer: the run fails

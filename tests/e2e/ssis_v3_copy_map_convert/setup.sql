-- ssis_v3_copy_map_convert: customers cleaned by Copy Column, Character Map and Data Conversion.
CREATE TABLE customers (cust_id integer, name varchar(40), state varchar(2), email varchar(60), qty_txt varchar(10));
INSERT INTO customers VALUES
  (1, 'Ann Lee', 'ny', 'Ann@Example.COM', '12'),
  (2, 'Bo', 'Ca', NULL, '-3'),         -- NULL stays NULL under LOWER
  (3, NULL, NULL, 'x@y.z', NULL);      -- NULL name copied as NULL; NULL converts to NULL

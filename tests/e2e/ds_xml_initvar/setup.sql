-- ds_xml_initvar: the products the connector reads.
CREATE TABLE products (prod_id integer NOT NULL, prod_name varchar(20), qty integer);
INSERT INTO products VALUES
  (1, 'bolt', 5),
  (2, 'nut', NULL),   -- NULL >= 0 takes the action of false: not written
  (3, 'gear', 0),
  (4, NULL, 2);       -- a NULL operand makes the concatenation NULL

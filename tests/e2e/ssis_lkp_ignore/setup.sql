-- ssis_lkp_ignore: the Lookup ignores its failures; the reference query is
-- "select * from dbo.customers", whose columns come in the table's
-- order (region, code, name), as ReferenceMetadataXml lists them.
CREATE SCHEMA dbo;
CREATE TABLE dbo.customers (region varchar(10), code varchar(10), name varchar(40));
CREATE TABLE orders (id integer, cust_code varchar(10), amount numeric(10,2));
INSERT INTO orders VALUES
  (1, 'A', 10.00),
  (2, 'B', 20.50),
  (3, 'Z', 30.00),   -- no customer Z: goes on with NULL name and region
  (4, NULL, 40.00);  -- NULL code: no match, NULLs
INSERT INTO dbo.customers VALUES ('North', 'A', 'Alice'), ('South', 'B', 'Bob');

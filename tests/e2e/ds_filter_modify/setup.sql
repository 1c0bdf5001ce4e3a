-- ds_filter_modify: the customers the connector reads (Generate SQL = Yes,
-- Table name CUSTOMERS).
CREATE TABLE customers (id integer NOT NULL, name varchar(20), city varchar(20), joined varchar(10), bonus numeric(8,2));
INSERT INTO customers VALUES
  (1, 'Ann', 'Paris', '2020-01-15', 50.00),
  (2, 'Bob', 'Lyon', '2021-03-01', NULL),   -- BONUS is null: lnk_low
  (3, 'Cy', 'Paris', '2019-12-31', 5.00),   -- both where clauses: both links
  (4, 'Di', 'Nice', '2022-07-04', 20.00),   -- no clause: the reject link
  (5, 'Ed', NULL, '2023-01-01', 30.00);     -- NULL city: no clause holds, rejected

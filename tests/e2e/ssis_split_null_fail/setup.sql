-- ssis_split_null_fail: the same orders; Big's NULL condition now fails the run.
CREATE TABLE orders (id integer, qty varchar(10), status varchar(10));
INSERT INTO orders VALUES
  (1, '150', 'cancelled'), -- CANCELLED, evaluated first: Cancelled, though qty > 100
  (2, '150', 'open'),      -- OPEN: Cancelled false, Big true
  (3, '5', ' open '),      -- TRIM then UPPER: OPEN; no case holds: Rest
  (4, NULL, 'open'),       -- Big's condition is NULL: FailComponent, the run fails
  (5, '7', NULL),          -- status NULL: replaced by NEW, was_null true: Rest
  (6, NULL, 'cancelled');  -- Cancelled is true first: Big's NULL is never evaluated

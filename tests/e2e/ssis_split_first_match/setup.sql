-- ssis_split_first_match: orders routed by a first-match Conditional Split.
CREATE TABLE orders (id integer, qty varchar(10), status varchar(10));
INSERT INTO orders VALUES
  (1, '150', 'cancelled'), -- CANCELLED, evaluated first: Cancelled, though qty > 100
  (2, '150', 'open'),      -- OPEN: Cancelled false, Big true
  (3, '5', ' open '),      -- TRIM then UPPER: OPEN; no case holds: Rest
  (4, NULL, 'open'),       -- Big's condition is NULL: redirected to the error output
  (5, '7', NULL),          -- status NULL: replaced by NEW, was_null true: Rest
  (6, NULL, 'cancelled');  -- Cancelled is true first: Big's NULL is never evaluated

-- ds_shared_container: the rows the two connectors read (Generate SQL =
-- Yes, Table name PEOPLE and STAFF); both go through shared container
-- SC_GRADE, one instance each (README).
CREATE TABLE people (id integer NOT NULL, name varchar(20), score integer);
INSERT INTO people VALUES
  (1, 'ann', 90),   -- 90 >= 50: passes; 90 >= 80: grade A
  (2, 'bob', 50),   -- exactly 50: passes (>=); grade B
  (3, 'cy', 49),    -- below 50: the constraint drops it
  (4, 'di', 80),    -- exactly 80: grade A
  (5, 'eve', 100);
CREATE TABLE staff (id integer NOT NULL, name varchar(20), score integer, dept varchar(4));
INSERT INTO staff VALUES
  (10, 'zed', 79, 'IT'),  -- passes, 79 < 80: grade B
  (11, 'yan', 20, 'HR'),  -- dropped
  (12, 'xi', 80, 'IT');   -- grade A; DEPT is no column of the container link

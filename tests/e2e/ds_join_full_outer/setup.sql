-- ds_join_full_outer: a full outer and a right outer Join stage.
-- Department 30 has no employee; employee 4 names department 40, which
-- does not exist; department 10 has two employees.
CREATE TABLE emp (emp_id integer NOT NULL, dept_id integer, emp_name varchar(20));
INSERT INTO emp VALUES (1, 10, 'Ann'), (2, 20, 'Bob'), (3, 10, 'Cy'), (4, 40, 'Dee');
CREATE TABLE dept (dept_id integer, dept_name varchar(20));
INSERT INTO dept VALUES (10, 'Sales'), (20, 'Ops'), (30, 'HR');

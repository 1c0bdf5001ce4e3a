-- m_sql_query_static: SQL Transformations in query mode whose queries read
-- no input port.  PowerCenter runs the query once per input row; each row of
-- its result is one output row, the pass-through ports (<port>_output)
-- repeating the input row's values, SQLError NULL (no database error).
--
-- SQL_GRADES: two active grades (C is not active), Max Output Row Count 0
-- (no limit): every employee twice, once per grade.  Employee 3's NAME is
-- NULL and passes through as NULL.
-- SQL_NONE: the query returns no row; the transformation has a pass-through
-- port, so each employee comes out once with CODE NULL.
-- SQL_FLAGS: no pass-through port; the query returns three rows, all 'Y', but
-- Max Output Row Count is 2: two rows per employee, six in all.
CREATE TABLE employees (
	emp_id numeric(6, 0),
	name varchar(20)
);
INSERT INTO employees VALUES (1, 'Ann'), (2, 'Bob'), (3, NULL);

CREATE TABLE salary_grades (
	grade varchar(2),
	min_salary numeric(8, 2),
	active char(1)
);
INSERT INTO salary_grades VALUES ('A', 1000.5, 'Y'), ('B', 2000, 'Y'), ('C', 3000, 'N');

CREATE TABLE flags (
	code varchar(4)
);
INSERT INTO flags VALUES ('Y'), ('Y'), ('Y');

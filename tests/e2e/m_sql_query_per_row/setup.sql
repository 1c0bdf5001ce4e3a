-- m_sql_query_per_row: SQL Transformations in query mode whose queries
-- read an input port (Transformation Guide, "SQL Transformation", dynamic
-- queries: ?PORT? binds the port's value as a query parameter, ~PORT~
-- substitutes its text; the query runs for each input row, each row of its
-- result an output row, pass-through ports repeating the input row).
--
-- SQL_GRADES binds EMP_ID: grades active and with min_salary <= EMP_ID *
-- 1000.  Employee 1 (<= 1000): none, so with its pass-through ports the row
-- comes out once with GRADE and MIN_SAL NULL; employee 2 (<= 2000): A and B;
-- employee 3 (<= 3000): A and B (C is not active).
-- SQL_NONE is static (no port in its query): every employee once, CODE NULL.
-- SQL_FLAGS substitutes EMP_ID's text: "WHERE 1 <> 2" gives the three flags,
-- cut to two by Max Output Row Count 2; "WHERE 2 <> 2" gives none, and with
-- no pass-through port employee 2 gives no row; employee 3 two rows: four Y.
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

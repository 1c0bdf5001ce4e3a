-- m_exp_strings: the source table.  Expected rows (tgt_emp_card), by
-- PowerCenter's rules: || treats one NULL operand as '' (Bob has no last
-- name: 'Bob ' with its trailing blank; employee 3 has neither name: ' ',
-- and its INITIALS are NULL || NULL = NULL); SUBSTR(x, 0, 1) starts at 1;
-- DECODE compares case-sensitively ('it' -> 'Other') and matches a NULL
-- search value (NULL dept -> 'Unassigned'); IIF with a NULL condition takes
-- the false branch (NULL salary -> 'LOW'); 2000 > 2000 is false -> 'LOW';
-- TO_CHAR(NULL date) is NULL; 'G' || TO_CHAR(NULL) = 'G'; LENGTH counts the
-- blanks of the variable port v_FULL_NAME.  The empty first name of
-- employee 5 is a value: ' Ng', initials 'N'.
CREATE TABLE employees (
	emp_id numeric(10, 0) PRIMARY KEY,
	first_name varchar(20),
	last_name varchar(20),
	dept_code varchar(4),
	salary numeric(10, 2),
	hire_date timestamp,
	grade numeric(2, 0)
);
INSERT INTO employees VALUES
	(1, 'Ann', 'Smith', 'FIN', 6000, '2020-03-15', 3),
	(2, 'Bob', NULL, 'IT', 3000, '2019-12-01', NULL),
	(3, NULL, NULL, NULL, NULL, NULL, 10),
	(4, 'Cy', 'Lee', 'it', 2000, '2021-07-04', 1),
	(5, '', 'Ng', 'HR', 2500.50, '2022-01-31', 2);

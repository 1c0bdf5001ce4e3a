-- m_lkp_unconnected: the source table and the lookup table.  Expected rows
-- (tgt_emp_dept): :LKP.LKP_DEPT_NAME(DEPT_ID) returns DEPT_NAME of the
-- matching row, NULL when none matches.  Department 20 has two rows; Use
-- First Value takes the first in cache order (lookup ports DEPT_ID,
-- DEPT_NAME ascending): 'Ops' before 'Research'.  Department 30 matches a
-- row whose name is NULL, so the call returns NULL and HAS_DEPT is 'N' just
-- as for department 40 (no row) and for a NULL DEPT_ID (matches nothing).
CREATE TABLE emp_assign (
	emp_id numeric(10, 0) PRIMARY KEY,
	dept_id numeric(4, 0)
);
CREATE TABLE departments (
	dept_id numeric(4, 0),
	dept_name varchar(30)
);
INSERT INTO departments VALUES (10, 'Sales'), (20, 'Research'), (20, 'Ops'), (30, NULL);
INSERT INTO emp_assign VALUES (1, 10), (2, 20), (3, 30), (4, 40), (5, NULL);

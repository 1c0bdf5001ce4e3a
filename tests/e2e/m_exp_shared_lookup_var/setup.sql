-- m_exp_shared_lookup_var: the source table and the lookup table.
-- Expected rows (tgt_emp_dept_label), in EMP_ID order (the Sorter's):
-- v_DEPT_NAME = :LKP.LKP_DEPT_NAME(DEPT_ID) is DEPT_NAME of the matching
-- row, NULL when none matches (departments 40 and NULL) or when the match's
-- name is NULL (department 30).  Department 20 has two rows; Use First
-- Value takes the first in cache order (DEPT_ID, DEPT_NAME ascending):
-- 'Ops'.  DEPT_NAME is that value; HAS_DEPT 'N' when it is NULL, else 'Y';
-- NAME_LEN its length (NULL for NULL); LABEL is v_LABEL, 'NONE' for NULL,
-- else 'D:' and the name.  v_PREV_NAME is set below v_SAME, so v_SAME reads
-- the previous row's name ('' on the first row, a string variable's initial
-- value): 'Y' when equal, else 'N'; a comparison with NULL is NULL, and
-- IIF takes its else branch, so rows 4-6 are 'N' (row 5 and 6 compare NULL
-- with NULL).
CREATE TABLE emp_assign (
	emp_id numeric(10, 0) PRIMARY KEY,
	dept_id numeric(4, 0)
);
CREATE TABLE departments (
	dept_id numeric(4, 0),
	dept_name varchar(30)
);
INSERT INTO departments VALUES (10, 'Sales'), (20, 'Research'), (20, 'Ops'), (30, NULL);
INSERT INTO emp_assign VALUES (3, 20), (1, 10), (6, NULL), (2, 10), (5, 40), (4, 30);

-- m_rnk_top_per_dept: the source table.  Rank, Top, Number of Ranks 2,
-- group by DEPT_ID, rank port SALARY.  Department 10: two salaries of 5000
-- tie; tied values share a rank index (1, 1) and the next value would be 3,
-- so 4000 is out.  Department 20: 3000 (1), 2500 (2), 2000 out.  Department
-- 30 has one row (1).  The NULL department is a group of its own: 900 (1),
-- 700 (2).  No tie straddles the cut-off, where PowerCenter's choice of
-- row would not be defined.
CREATE TABLE emp_salaries (
	emp_id numeric(10, 0) PRIMARY KEY,
	dept_id numeric(4, 0),
	salary numeric(10, 2)
);
INSERT INTO emp_salaries VALUES
	(1, 10, 5000), (2, 10, 5000), (3, 10, 4000),
	(4, 20, 3000), (5, 20, 2500), (6, 20, 2000),
	(7, 30, 1000),
	(8, NULL, 700), (9, NULL, 900);

-- m_exp_scd_hold: variable ports that hold a value from the row that set it.
-- SRT_EMP_HIST orders the rows by EMP_KEY, EFF_DT: A(01-01, 02-01, 03-01),
-- B(01-15, 05-01), C(02-02).  Ports are evaluated top to bottom and keep
-- their values across rows:
-- - v_NEW compares v_CURR_KEY with v_PREV_KEY, set further down, so it reads
--   the previous row's key ('' on the first row): 'Y' on the first row of
--   each key, 'N' after;
-- - v_REC = IIF(v_NEW = 'Y', 1, v_REC + 1): 1 2 3 1 2 1;
-- - v_FIRST_NAME takes NAME when v_NEW = 'Y', else keeps its value: the
--   key's first name (Ann, Bob; C's first NAME is NULL, and so is the value);
-- - v_START_SAL = IIF(v_NEW = 'N', v_START_SAL, SALARY * 2): the condition the
--   other way round; 200.00 for A, 600.00 for B, NULL for C (NULL SALARY);
-- - v_START_DT takes EFF_DT on each key's first row: 2024-01-01, 2024-01-15,
--   2024-02-02;
-- - v_LAST_CODE = IIF(FLAG = 'Y', CODE, v_LAST_CODE) does not follow the key:
--   FLAG NULL or 'N' keeps the value (IIF's NULL condition takes the else
--   branch), '' (the initial string) before the first 'Y': '', c2, c2, c2,
--   c5, NULL (C's CODE is NULL).
CREATE TABLE emp_hist (
	emp_key varchar(10),
	eff_dt timestamp,
	name varchar(20),
	salary numeric(10, 2),
	flag varchar(1),
	code varchar(5)
);
INSERT INTO emp_hist VALUES
	('B', '2024-05-01', 'Bobby', 350, 'Y', 'c5'),
	('A', '2024-03-01', 'Anne', 200, 'N', 'c3'),
	('C', '2024-02-02', NULL, NULL, 'Y', NULL),
	('A', '2024-01-01', 'Ann', 100, NULL, 'c1'),
	('B', '2024-01-15', 'Bob', 300, NULL, 'c4'),
	('A', '2024-02-01', 'Anna', 150, 'Y', 'c2');

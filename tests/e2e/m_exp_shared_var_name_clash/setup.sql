-- m_exp_shared_var_name_clash: the source table.  Expected rows
-- (tgt_people_out): variable port NAME is 'no name given' for a NULL name,
-- else the name trimmed on both sides and upper-cased; UPPER_NAME is NAME,
-- TAGGED_NAME is '#' and NAME; RAW_NAME is the input name as it came
-- (the input column the node reads is also called name).
CREATE TABLE people (
	id numeric(10, 0) PRIMARY KEY,
	name varchar(30)
);
INSERT INTO people VALUES (1, 'ann'), (2, NULL), (3, ' Bob ');

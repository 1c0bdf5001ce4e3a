-- m_exp_port_convert: values entering ports of another datatype.  Expected
-- rows (tgt_item_codes), by PowerCenter's conversion rules: a string entering
-- a decimal port reads its leading number ('12abc' -> 12, ' 7.5' -> 7.5) and
-- is 0 when it has none ('abc'); a number entering a string port prints as
-- TO_CHAR does (3 -> '3'); the integer 1 entering the string output port
-- O_FLAG is '1'.  O_TOTAL = CODE_NUM * 2 reads the converted value; O_LABEL =
-- QTY_TXT || 'x', where || treats NULL as empty.
CREATE TABLE items (
	item_id numeric(10, 0),
	code varchar(20),
	qty numeric(10, 0)
);
INSERT INTO items VALUES
	(1, '12abc', 3), (2, ' 7.5', NULL), (3, 'abc', 10), (4, NULL, 0);

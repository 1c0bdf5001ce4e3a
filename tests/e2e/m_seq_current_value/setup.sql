-- m_seq_current_value: the m_srt_seq_keys flow with the Sequence Generator
-- as exports usually have it: Start Value 0, Current Value 5, Increment By
-- 1, Reset YES.  PowerCenter's Transformation Guide: Current Value is "the
-- value you want the Integration Service to use as the first value in the
-- sequence"; Start Value is only where Cycle starts again.  So NEXTVAL is
-- 5, 6, 7, 8, 9 in arrival order (the Sorter's: CITY ascending, NULL last,
-- CUSTOMER_NAME descending, duplicates dropped) and CURRVAL is NEXTVAL + 1:
-- Dan/Austin 5, Bob/Austin 6, Zed/Berlin 7, Amy/Berlin 8, Cat 9.
CREATE TABLE customers_raw (
	customer_name varchar(30),
	city varchar(20)
);
INSERT INTO customers_raw VALUES
	('Zed', 'Berlin'), ('Amy', 'Berlin'), ('Amy', 'Berlin'), ('Bob', 'Austin'), ('Cat', NULL), ('Dan', 'Austin');

-- m_srt_nulls_low: the m_srt_seq_keys flow with the Sorter's "Null Treated
-- Low" set.  PowerCenter's Transformation Guide (Sorter properties): with
-- it, the Integration Service treats NULL as lower than any other value, so
-- the NULL city sorts first in ascending order; the other keys are as in
-- m_srt_seq_keys (CITY ascending, CUSTOMER_NAME descending, Distinct).
-- The Sequence Generator (Current Value 100, Increment By 10) numbers the
-- rows in that order: Cat/NULL 100, Dan/Austin 110, Bob/Austin 120,
-- Zed/Berlin 130, Amy/Berlin 140; CURRVAL is NEXTVAL + 10.
CREATE TABLE customers_raw (
	customer_name varchar(30),
	city varchar(20)
);
INSERT INTO customers_raw VALUES
	('Zed', 'Berlin'), ('Amy', 'Berlin'), ('Amy', 'Berlin'), ('Bob', 'Austin'), ('Cat', NULL), ('Dan', 'Austin');

-- m_srt_seq_keys: the source table.  The Sorter (Distinct) drops the second
-- ('Amy', 'Berlin') and orders by CITY ascending, then CUSTOMER_NAME
-- descending; "Null Treated Low" is NO, so the NULL city sorts last.  The
-- rows reach the target in that order and the Sequence Generator (Current
-- Value = Start Value = 100, Increment By 10) numbers them in arrival order:
-- Dan/Austin 100, Bob/Austin 110, Zed/Berlin 120, Amy/Berlin 130, Cat 140.
-- CURRVAL, connected together with NEXTVAL, is NEXTVAL + 10.
CREATE TABLE customers_raw (
	customer_name varchar(30),
	city varchar(20)
);
INSERT INTO customers_raw VALUES
	('Zed', 'Berlin'), ('Amy', 'Berlin'), ('Amy', 'Berlin'), ('Bob', 'Austin'), ('Cat', NULL), ('Dan', 'Austin');

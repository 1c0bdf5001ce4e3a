-- m_sq_filter_distinct: the source table.  Expected rows (tgt_contact_list):
-- the source filter keeps STATUS = 'A' with a country; 'I', a NULL status
-- (NULL = 'A' is not true) and a NULL country are dropped at the source.
-- Select Distinct then folds the two identical ann rows and the two
-- identical rows with a NULL email (DISTINCT treats NULLs as equal); bob's
-- two rows differ by date and both stay; the empty email is a value, not NULL.
CREATE TABLE customer_contacts (
	email varchar(60),
	country varchar(2),
	status varchar(1),
	signup_date timestamp
);
INSERT INTO customer_contacts VALUES
	('ann@example.com', 'DE', 'A', '2024-01-05'),
	('ann@example.com', 'DE', 'A', '2024-01-05'),
	('ann@example.com', 'DE', 'I', '2024-01-05'),
	('bob@example.com', 'FR', 'A', '2024-02-10'),
	('bob@example.com', 'FR', 'A', '2024-03-01'),
	('cy@example.com', NULL, 'A', '2024-01-01'),
	(NULL, 'US', 'A', '2024-04-01'),
	(NULL, 'US', 'A', '2024-04-01'),
	('dee@example.com', 'US', NULL, '2024-05-05'),
	('', 'US', 'A', '2024-06-01');

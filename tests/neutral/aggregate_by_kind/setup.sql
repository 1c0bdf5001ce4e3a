-- per region: sum, count of rows (NULL amounts included), max, distinct customers, mean of non-NULL amounts
CREATE TABLE sales (region text, amount integer, customer text);
INSERT INTO sales VALUES ('N', 10, 'a'), ('N', 20, 'b'), ('N', 30, 'a'), ('S', 5, 'c'), ('S', NULL, 'c'), (NULL, 7, 'd');

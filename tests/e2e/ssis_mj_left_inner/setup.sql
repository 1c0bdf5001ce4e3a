-- ssis_mj_left_inner: a LEFT Merge Join on k1 (NULLs equal) and an INNER
-- Merge Join on (k1, k2) (NULLs not equal).
CREATE TABLE la (k1 integer, k2 varchar(10), a varchar(10));
CREATE TABLE lb (k1 integer, k2 varchar(10), b varchar(10));
INSERT INTO la VALUES (1, 'x', 'a1'), (2, 'y', 'a2'), (NULL, 'z', 'anull');
-- k2 differs from la's: only k1 is a join key (NumKeyColumns 1)
INSERT INTO lb VALUES (1, 'q', 'b1'), (3, 'w', 'b3'), (NULL, 'v', 'bnull');
CREATE TABLE ia (k1 integer, k2 varchar(10), a varchar(10));
CREATE TABLE ib (k1 integer, k2 varchar(10), b varchar(10));
INSERT INTO ia VALUES (1, 'x', 'a1'), (1, 'y', 'a2'), (2, 'x', 'a3'), (NULL, 'x', 'a4');
INSERT INTO ib VALUES (1, 'x', 'b1'), (1, 'z', 'b2'), (2, 'x', 'b3'), (NULL, 'x', 'b4');

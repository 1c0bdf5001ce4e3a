-- ssis_mj_full: a FULL Merge Join on id, NULLs not equal.
CREATE TABLE lefts (id integer, lname varchar(10));
CREATE TABLE rights (id integer, rname varchar(10));
INSERT INTO lefts VALUES (1, 'L1'), (2, 'L2'), (NULL, 'Lnull');
INSERT INTO rights VALUES (2, 'R2'), (3, 'R3'), (NULL, 'Rnull');

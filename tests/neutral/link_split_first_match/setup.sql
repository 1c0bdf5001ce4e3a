-- orders split first-match: 150 and 100 are big only (not mid too), 70 and 50 mid, 10 and NULL (its conditions NULL, Ignore Failure) the default
CREATE TABLE orders (id integer, amount integer, region text);
INSERT INTO orders VALUES (1, 150, 'N'), (2, 70, 'S'), (3, 10, 'N'), (4, NULL, 'E'), (5, 100, 'W'), (6, 50, 'S');

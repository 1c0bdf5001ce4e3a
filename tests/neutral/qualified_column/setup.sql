-- a DataStage-like derivation reads IN1.amount, the column of the input link IN1:
-- doubled is amount * 2 (NULL stays NULL), id passes through the transformer
CREATE TABLE orders (id integer, amount integer);
INSERT INTO orders VALUES (1, 150), (2, NULL), (3, -4);

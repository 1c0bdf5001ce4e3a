-- pipeline: m_simple sink: tgt_items
WITH src_items AS (
SELECT item_id, price FROM items
),
exp_vat AS (
SELECT src_items.item_id, round(src_items.price * 1.2, 2) AS gross
FROM src_items
)
SELECT exp_vat.item_id, exp_vat.gross FROM exp_vat -- every row
;
-- pipeline: m_simple sink: tgt_dear
WITH src_items AS (
SELECT item_id, price FROM items
),
exp_vat AS (
SELECT src_items.item_id, round(src_items.price * 1.2, 2) AS gross
FROM src_items
),
tgt_dear AS (
WITH d AS (SELECT exp_vat.item_id FROM exp_vat WHERE exp_vat.gross > 100)
SELECT d.item_id FROM d
)
SELECT * FROM tgt_dear;
-- pipeline: m_simple variable: $$MAX_GROSS
WITH exp_vat AS (
WITH src_items AS (
SELECT item_id, price FROM items
)
SELECT src_items.item_id, round(src_items.price * 1.2, 2) AS gross
FROM src_items
)
SELECT greatest(current_setting('akko.max_gross')::numeric, max(t.gross)) AS max_gross FROM exp_vat AS t;

WITH src_items AS (
SELECT item_id, price FROM items
),
exp_vat AS (
SELECT src_items.item_id, round(src_items.price * 1.2, 2) AS gross
FROM src_items
)
SELECT exp_vat.item_id, exp_vat.gross FROM exp_vat -- every row
;

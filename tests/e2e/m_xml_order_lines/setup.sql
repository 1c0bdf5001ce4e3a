-- m_xml_order_lines: the source is the XML file orders.xml beside this
-- file, which the runner loads (tests/pg/materialise.py); no table here.
-- Expected rows, from the XML Guide ("Setting Sequence Numbers for
-- Generated Keys": the Integration Service generates each view's key from
-- its sequence start value and increments it): orders get XPK_order 100,
-- 101, 102 in document order (start 100); lines get XPK_line 1, 2, 3
-- (start 1) and FK_order the key of the order that holds them.  Order C3
-- has no CUSTOMER (NULL); B2 has no line, so the Normal Join drops it from
-- ORDER_LINES.
SELECT 1;

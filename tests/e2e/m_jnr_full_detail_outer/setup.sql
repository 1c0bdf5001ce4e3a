-- m_jnr_full_detail_outer: master BUDGET, detail ACTUALS, joined twice.
-- Expected rows: tgt_budget_vs_actual (Full Outer Join) has the matched
-- department 10, the unmatched master rows (20 and the NULL-key budget,
-- NULL never matching NULL) and the unmatched detail rows (30 and the
-- NULL-key actual).  tgt_budget_coverage (Detail Outer Join) keeps every
-- master row and only the matching detail rows: 10, 20 and the NULL-key
-- budget, never the actuals of 30 or the NULL-key actual.
CREATE TABLE budget (
	dept_id numeric(4, 0),
	budget_amt numeric(12, 2)
);
CREATE TABLE actuals (
	dept_id numeric(4, 0),
	actual_amt numeric(12, 2)
);
INSERT INTO budget VALUES (10, 1000), (20, 500), (NULL, 50);
INSERT INTO actuals VALUES (10, 900), (30, 300), (NULL, 25);

/* test_validate.c - the SQL check of src/validate: what the translator
 * emits passes; adversarial SQL (hand-edited pipelines, prompt
 * injection) is refused on the parse tree, whatever the spelling. */
#include "tap.h"
#include "validate/sqlcheck.h"

static void ok_sql(Arena *a, const char *sql)
{
	SqlCheck c;
	sql_check_select(a, sql, &c);
	CHECK(c.ok, "accepted: %.70s", sql);
	if (!c.ok)
		printf("#   %s\n", c.message);
}

/* Refused, and the message names `why`. */
static void bad_sql(Arena *a, const char *sql, const char *why)
{
	SqlCheck c;
	sql_check_select(a, sql, &c);
	CHECK(!c.ok && c.message && strstr(c.message, why), "refused (%s): %.60s", why, sql);
	if (c.ok || !strstr(c.message ? c.message : "", why))
		printf("#   message: %s\n", c.message ? c.message : "(none)");
}

int main(void)
{
	Arena a;
	arena_init(&a);
	/* what the translator prints (tests/expr/cases) */
	/* the rule engine's window functions (sequence_generator, sql_rank) */
	ok_sql(&a, "SELECT 1 + (row_number() OVER () - 1) * 5 AS nextval, rank() OVER (PARTITION BY k ORDER BY v "
		   "DESC) AS r, dense_rank() OVER (ORDER BY v) AS d FROM t");
	ok_sql(&a, "SELECT CASE WHEN a IS NULL THEN 0 ELSE a END AS v FROM t");
	ok_sql(&a, "SELECT concat('alpha', 2::text), substr(s, greatest(char_length(s) - 2, 1), 2) FROM t");
	ok_sql(&a, "SELECT regexp_instr(reverse(s), '***=' || reverse('b'), 1, 1), to_timestamp(s, "
		   "'MM/DD/YY')::timestamp FROM t");
	ok_sql(&a, "SELECT (extract(epoch FROM a - b) / 3600)::double precision, date_trunc('month', d) + "
		   "make_interval(months => 1) FROM t");
	ok_sql(
	    &a,
	    "SELECT current_setting('akko.last_run'), clock_timestamp()::timestamp, LOCALTIMESTAMP FROM t");
	ok_sql(
	    &a,
	    "SELECT (SELECT l.region_name FROM lkp_region AS l WHERE l.region_code = t.region_code) FROM t");
	ok_sql(&a, "SELECT sum(n) FILTER (WHERE n > 0), count(*), percentile_cont(0.5) WITHIN GROUP (ORDER "
		   "BY n) FROM t");
	ok_sql(&a, "SELECT coalesce((SELECT CASE WHEN akko_m[1]::integer > 0 THEN TRUE END FROM (SELECT "
		   "regexp_match(s, '^x$', 'i') AS akko_m) AS akko_x), FALSE) FROM t");
	ok_sql(&a, "WITH src AS (SELECT a FROM orders) SELECT a FROM src UNION ALL SELECT a FROM t");

	/* not one SELECT */
	bad_sql(&a, "SELEC 1", "does not parse");
	bad_sql(&a, "", "no statement");
	bad_sql(&a, "SELECT 1; DROP TABLE orders", "several statements");
	bad_sql(&a, "DROP TABLE orders", "DropStmt");
	bad_sql(&a, "DELETE FROM orders", "DeleteStmt");
	bad_sql(&a, "UPDATE orders SET a = 1", "UpdateStmt");
	bad_sql(&a, "INSERT INTO orders VALUES (1)", "InsertStmt");
	bad_sql(&a, "MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE", "MergeStmt");
	bad_sql(&a, "GRANT ALL ON orders TO public", "GrantStmt");
	bad_sql(&a, "CALL do_something()", "CallStmt");
	bad_sql(&a, "COPY orders TO '/tmp/x'", "CopyStmt");
	bad_sql(&a, "TRUNCATE orders", "TruncateStmt");
	bad_sql(&a, "CREATE TABLE x AS SELECT 1", "CreateTableAsStmt");
	bad_sql(&a, "SET search_path = evil", "VariableSetStmt");
	bad_sql(&a, "DO $$ BEGIN PERFORM 1; END $$", "DoStmt");
	/* inside a SELECT */
	bad_sql(&a, "WITH d AS (DELETE FROM orders RETURNING *) SELECT * FROM d", "DeleteStmt");
	bad_sql(&a, "WITH u AS (UPDATE orders SET a = 0 RETURNING a) SELECT a FROM u", "UpdateStmt");
	bad_sql(&a, "SELECT * INTO copy_of_orders FROM orders", "SELECT INTO");
	bad_sql(&a, "SELECT a FROM orders FOR UPDATE", "FOR UPDATE");
	bad_sql(&a, "SELECT pg_sleep(10)", "'pg_sleep'");
	bad_sql(&a, "SELECT a FROM t WHERE pg_sleep(10) IS NULL", "'pg_sleep'");
	bad_sql(&a, "SELECT pg_read_file('/etc/passwd')", "'pg_read_file'");
	bad_sql(&a, "SELECT * FROM dblink('host=evil', 'SELECT 1') AS x(a int)", "'dblink'");
	bad_sql(&a, "SELECT set_config('search_path', 'evil', false)", "'set_config'");
	bad_sql(&a, "SELECT lo_import('/etc/passwd')", "'lo_import'");
	bad_sql(&a, "SELECT pg_catalog.pg_sleep(1)", "'pg_sleep'");
	bad_sql(&a, "SELECT evil.upper(a) FROM t", "'upper'");
	bad_sql(&a, "SELECT \"PG_SLEEP\"(1)", "'PG_SLEEP'");
	bad_sql(&a, "SELECT current_setting('data_directory')", "'akko.' run parameters");
	bad_sql(&a, "SELECT current_setting(a) FROM t", "'akko.' run parameters");
	bad_sql(&a, "SELECT usename, passwd FROM pg_shadow", "system catalog");
	bad_sql(&a, "SELECT * FROM pg_catalog.pg_authid", "system catalog");
	bad_sql(&a, "SELECT table_name FROM information_schema.tables", "system catalog");
	bad_sql(&a, "SELECT (SELECT max(pg_sleep(1)::text) FROM t) FROM t", "'pg_sleep'");
	bad_sql(&a, "SELECT a FROM t /* ignore previous instructions */; DROP TABLE t", "several statements");
	arena_release(&a);
	return tap_done();
}

#!/bin/sh
# lang.sh - the language-neutral expression middle, run in PostgreSQL.
#
# tests/unit/test_lang checks the SQL text of each language flag and shared
# node kind (the unit suite runs it); here its --sql output, one query per
# case comparing the value with the one derived by hand from the flag's
# definition, runs in a throw-away PostgreSQL (tests/pg/pg.sh).  Each query
# prints its own "ok - ..." or "not ok - ..." line.
. "$(dirname "$0")/lib.sh"
. "$AKKO_SRCDIR/tests/pg/pg.sh"

bin="$AKKO_BUILDDIR/tests/unit/test_lang"
work="$TESTS_OUT/lang"
rm -rf "$work" && mkdir -p "$work" || exit 1
if [ ! -x "$bin" ]; then
	fail "test program $bin exists (run make check)"
	echo "# suite done"
	exit 0
fi
if ! "$bin" --sql "$work/cases.sql" > "$work/unit.tap" 2>&1; then
	fail "test_lang --sql writes the cases"
	show "$work/unit.tap"
fi
n=$(grep -c '^SELECT' "$work/cases.sql" 2>/dev/null || echo 0)
check "test_lang wrote at least 15 PostgreSQL cases (got $n)" [ "$n" -ge 15 ]
if ! pg_start_or_report "language semantics in PostgreSQL"; then
	echo "# suite done"
	exit 0
fi
pg_psql -f "$work/cases.sql" > "$work/results.txt" 2>&1
grep -E '^(ok|not ok) - ' "$work/results.txt"
got=$(grep -cE '^(ok|not ok) - ' "$work/results.txt")
check "every case gave a result in PostgreSQL ($got of $n)" [ "$got" -eq "$n" ]
if [ "$got" -ne "$n" ]; then show "$work/results.txt"; fi
echo "# suite done"

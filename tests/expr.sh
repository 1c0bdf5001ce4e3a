#!/bin/sh
# expr.sh - the expression translator: golden data files, fuzz
# reproducers, the generated function table, and (when ../shared/corpus is
# present) every real corpus expression parsed, translated and accepted by
# a throw-away PostgreSQL server.
. "$(dirname "$0")/lib.sh"
. "$AKKO_SRCDIR/tests/pg/pg.sh"
PY=${PYTHON:-python3}

# 1. golden cases: expression / types / expected SQL, and failures with
# their exact diagnostics
$PY "$AKKO_SRCDIR/tests/expr/run-cases.py" "$AKKO_SRCDIR"/tests/expr/cases/*.txt

# 2. expressions in their mapping: variable ports inlined in order, a
# previous-row read refused, :LKP. over the lookup, parameters, conditions
for job in "$AKKO_SRCDIR"/tests/expr/jobs/*.XML; do
	base=${job%.XML}
	name=$(basename "$base")
	(cd "$AKKO_SRCDIR" && $AKKO_TEST_WRAPPER "$AKKO_BIN" expr --file "tests/expr/jobs/$name.XML") \
		>"$TESTS_OUT/$name.out" 2>"$TESTS_OUT/$name.err"
	if [ "${AKKO_REGEN:-}" = 1 ]; then
		cp "$TESTS_OUT/$name.out" "$base.out"
		cp "$TESTS_OUT/$name.err" "$base.stderr"
	fi
	if cmp -s "$TESTS_OUT/$name.out" "$base.out" && cmp -s "$TESTS_OUT/$name.err" "$base.stderr"; then
		pass "expr --file $name.XML: SQL and diagnostics as expected"
	else
		fail "expr --file $name.XML: SQL and diagnostics as expected"
		diff "$base.out" "$TESTS_OUT/$name.out" | sed 's/^/#   /' | head -20
		diff "$base.stderr" "$TESTS_OUT/$name.err" | sed 's/^/#   /' | head -20
	fi
done

# 3. fuzz reproducers: each must end in a clean translation or a clean
# diagnostic (exit 0 or 1), in value mode and as a NULL-HIGH condition
for f in "$AKKO_SRCDIR"/tests/expr/regress/*; do
	[ -f "$f" ] || continue
	name=$(basename "$f")
	ok=1
	for mode in "" "--condition --null-compare high"; do
		# shellcheck disable=SC2086
		$AKKO_TEST_WRAPPER "$AKKO_BIN" expr $mode -- "$(cat "$f")" >/dev/null 2>"$TESTS_OUT/expr-regress.err"
		rc=$?
		[ $rc -le 1 ] || ok=0
	done
	if [ $ok = 1 ]; then pass "expr fuzz reproducer $name ends cleanly"; else
		fail "expr fuzz reproducer $name (exit $rc)"
		show "$TESTS_OUT/expr-regress.err"
	fi
done

# 4. docs/functions.md is the catalogue's coverage table
"$AKKO_BIN" help functions > "$TESTS_OUT/functions.md"
if sed -n '/^| function /,$p' "$AKKO_SRCDIR/docs/functions.md" | cmp -s - "$TESTS_OUT/functions.md"; then
	pass "docs/functions.md matches 'akko-migrate help functions'"
else
	fail "docs/functions.md differs from 'akko-migrate help functions' (regenerate the table)"
fi

pg_start
pg_rc=$?
pg_missing() { # pg_missing LABEL: the check cannot run without a server
	if [ "${AKKO_ALLOW_PG_SKIP:-}" = 1 ]; then skip "$1" "$PG_WHY"; else fail "$1: no PostgreSQL server ($PG_WHY)"; fi
}

# 5. what needs more than one row (EXPRESSIONS.md §1.7): P79, aggregates
# over a group; P83, an unconnected lookup without a matching row
pg_value() { # pg_value LABEL SQL EXPECTED
	got=$(pg_psql -q -c "$2" 2>&1)
	if [ "$got" = "$3" ]; then pass "$1"; else
		fail "$1"
		echo "#   sql: $2"
		echo "#   got: $got, expected: $3"
	fi
}
if [ $pg_rc -eq 0 ]; then
	agg=$("$AKKO_BIN" expr --types X=integer "SUM(X) || '/' || COUNT(X) || '/' || AVG(X)" 2>/dev/null)
	pg_value "P79 SUM, COUNT, AVG over an all-NULL group give NULL, 0, NULL" \
		"SELECT coalesce(($agg), '(null)') FROM (VALUES (NULL::integer), (NULL)) AS t(x)" "/0/"
	pg_value "P79 SUM, COUNT, AVG over {10, NULL, 20} give 30, 2, 15" \
		"SELECT ($agg) FROM (VALUES (10), (NULL::integer), (20)) AS t(x)" "30/2/15.0000000000000000"
	lkp=$(cd "$AKKO_SRCDIR" && "$AKKO_BIN" expr --file --format json tests/expr/jobs/m_expr_context.XML 2>/dev/null |
		$PY -c 'import json,sys
for l in sys.stdin:
    r = json.loads(l)
    if r["what"] == "port '"'"'o_REGION_NAME'"'"'": print(r["sql"])')
	setup="CREATE TEMP TABLE lkp_region (region_code text, valid_from timestamp, region_name text);
INSERT INTO lkp_region VALUES ('EU', '2020-01-01', 'Europe'), ('US', '2020-01-01', 'Americas');"
	pg_value "P83 :LKP. with no matching row gives NULL" \
		"$setup SELECT coalesce($lkp, '(null)') FROM (VALUES ('XX', TIMESTAMP '2024-01-01')) AS t(region_code, order_dt)" "(null)"
	pg_value ":LKP. returns the matching row's return port" \
		"$setup SELECT $lkp FROM (VALUES ('EU', TIMESTAMP '2024-01-01')) AS t(region_code, order_dt)" "Europe"
	pg_value ":LKP. applies the range condition of the lookup" \
		"$setup SELECT coalesce($lkp, '(null)') FROM (VALUES ('EU', TIMESTAMP '2019-01-01')) AS t(region_code, order_dt)" "(null)"
	got=$(pg_psql -q -c "$setup INSERT INTO lkp_region VALUES ('EU', '2021-01-01', 'Europa');
SELECT $lkp FROM (VALUES ('EU', TIMESTAMP '2024-01-01')) AS t(region_code, order_dt)" 2>&1)
	case $got in
	*"more than one row returned by a subquery"*) pass ":LKP. with policy Report Error fails on several matching rows" ;;
	*) fail ":LKP. with policy Report Error fails on several matching rows"; echo "#   got: $got" ;;
	esac
else
	pg_missing "aggregate and lookup semantics in PostgreSQL"
fi

# 6. the real corpus
if ! corpus=$(shared_corpus); then
	skip "corpus expressions" "../shared/corpus is not beside the project"
	pg_stop
	echo "# suite done"
	exit 0
fi
files=$(grep -l '<POWERMART' "$corpus"/powercenter/*.XML "$corpus"/powercenter/*.xml 2>/dev/null)
# shellcheck disable=SC2086
$AKKO_TEST_WRAPPER "$AKKO_BIN" expr --file --format json --quiet $files \
	> "$TESTS_OUT/corpus-exprs.jsonl" 2> "$TESTS_OUT/corpus-exprs.err"
check "expr --file reads every corpus export" test $? -eq 0
tail -1 "$TESTS_OUT/corpus-exprs.err" | sed 's/^/# /'
if [ $pg_rc -eq 0 ]; then
	$PY "$AKKO_SRCDIR/tests/corpus/expr-corpus.py" --tap \
		--psql "$PG_PSQL -h $PG_DIR -p $PG_PORT -U postgres -d postgres" \
		"$TESTS_OUT/corpus-exprs.jsonl" > "$TESTS_OUT/expr-corpus.txt"
else
	$PY "$AKKO_SRCDIR/tests/corpus/expr-corpus.py" --tap "$TESTS_OUT/corpus-exprs.jsonl" \
		> "$TESTS_OUT/expr-corpus.txt"
	pg_missing "PostgreSQL accepts every translated corpus expression"
fi
grep -E '^(ok|not ok)' "$TESTS_OUT/expr-corpus.txt"
grep -vE '^(ok|not ok)' "$TESTS_OUT/expr-corpus.txt" | sed 's/^/# /' | head -40
pg_stop
echo "# suite done"

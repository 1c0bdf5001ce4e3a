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

# 5. the real corpus
if ! corpus=$(shared_corpus); then
	skip "corpus expressions" "../shared/corpus is not beside the project"
	echo "# suite done"
	exit 0
fi
files=$(grep -l '<POWERMART' "$corpus"/powercenter/*.XML "$corpus"/powercenter/*.xml 2>/dev/null)
# shellcheck disable=SC2086
$AKKO_TEST_WRAPPER "$AKKO_BIN" expr --file --format json --quiet $files \
	> "$TESTS_OUT/corpus-exprs.jsonl" 2> "$TESTS_OUT/corpus-exprs.err"
check "expr --file reads every corpus export" test $? -eq 0
tail -1 "$TESTS_OUT/corpus-exprs.err" | sed 's/^/# /'
pg_start
rc=$?
if [ $rc -eq 0 ]; then
	$PY "$AKKO_SRCDIR/tests/corpus/expr-corpus.py" --tap \
		--psql "$PG_PSQL -h $PG_DIR -p $PG_PORT -U postgres -d postgres" \
		"$TESTS_OUT/corpus-exprs.jsonl" > "$TESTS_OUT/expr-corpus.txt"
else
	$PY "$AKKO_SRCDIR/tests/corpus/expr-corpus.py" --tap "$TESTS_OUT/corpus-exprs.jsonl" \
		> "$TESTS_OUT/expr-corpus.txt"
	if [ "${AKKO_ALLOW_PG_SKIP:-}" = 1 ]; then
		skip "PostgreSQL accepts every translated corpus expression" "$PG_WHY"
	else
		fail "PostgreSQL accepts every translated corpus expression: no server ($PG_WHY)"
	fi
fi
grep -E '^(ok|not ok)' "$TESTS_OUT/expr-corpus.txt"
grep -vE '^(ok|not ok)' "$TESTS_OUT/expr-corpus.txt" | sed 's/^/# /' | head -40
pg_stop
echo "# suite done"

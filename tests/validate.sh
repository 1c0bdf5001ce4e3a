#!/bin/sh
# validate.sh - `akko-migrate validate` and `compose` on hand-written
# pipeline YAML.
#
#   tests/validate/good/*.yaml     valid files: validate exits 0, compose
#                                  prints a statement per sink (and, with
#                                  PostgreSQL, each statement runs)
#   tests/validate/bad/*.yaml      invalid files, mostly adversarial SQL: the
#                                  "# expect: CODE" line names the code that
#                                  must be reported; <case>.stderr holds the
#                                  exact diagnostics (AKKO_REGEN=1 rewrites
#                                  them; review the diff like code)
#   tests/validate/compose/        composition: expected statements (checked
#                                  by hand) and cases compose refuses
# Also: `help schema` is the "Schema" section of docs/pipeline-yaml.md.
. "$(dirname "$0")/lib.sh"
dir="$AKKO_SRCDIR/tests/validate"
work="$TESTS_OUT/validate"
rm -rf "$work" && mkdir -p "$work" || exit 1
run() { # run OUT ERR ARGS...: the binary with a time limit; sets $rc
	_o=$1 _e=$2
	shift 2
	timeout 20 $AKKO_TEST_WRAPPER "$AKKO_BIN" "$@" >"$_o" 2>"$_e"
	rc=$?
}

# ---- valid files --------------------------------------------------------
for f in "$dir"/good/*.yaml; do
	name=$(basename "$f" .yaml)
	run "$work/$name.out" "$work/$name.err" validate "$f"
	if [ $rc = 0 ] && [ ! -s "$work/$name.err" ]; then pass "good/$name validates"; else
		fail "good/$name validates (exit $rc)"
		show "$work/$name.err" 12
	fi
	run "$work/$name.sql" "$work/$name.cerr" compose "$f"
	if [ $rc = 0 ] && grep -q '^-- pipeline: ' "$work/$name.sql"; then pass "good/$name composes"; else
		fail "good/$name composes (exit $rc)"
		show "$work/$name.cerr" 12
	fi
	run "$work/$name.json" "$work/$name.jerr" validate --format json "$f"
	check "good/$name: JSON says valid" grep -q '"valid":true,"errors":\[\]}$' "$work/$name.json"
done

# ---- composition, checked by hand ------------------------------------------
simple="$dir/good/simple.yaml"
run "$work/simple.sql" "$work/simple.err" compose "$simple"
if cmp -s "$work/simple.sql" "$dir/compose/simple.sql"; then pass "compose good/simple.yaml as expected"; else
	fail "compose good/simple.yaml as expected"
	diff "$dir/compose/simple.sql" "$work/simple.sql" | show /dev/stdin 20
fi
run "$work/one.sql" "$work/one.err" compose --pipeline m_simple --sink tgt_items "$simple"
if [ $rc = 0 ] && cmp -s "$work/one.sql" "$dir/compose/simple.tgt_items.sql"; then
	pass "compose --pipeline --sink prints the statement and ';' only"
else
	fail "compose --pipeline --sink prints the statement and ';' only"
	show "$work/one.sql"
fi
run "$work/none.sql" "$work/none.err" compose --sink no_such_node "$simple"
check "compose --sink with an unknown node is a usage error (exit 2)" test $rc = 2
run "$work/invalid.sql" "$work/invalid.err" compose "$dir/bad/sql_drop.yaml"
if [ $rc = 1 ] && [ ! -s "$work/invalid.sql" ] && grep -q 'E0711' "$work/invalid.err"; then
	pass "compose refuses a file that does not validate (exit 1, nothing on stdout)"
else
	fail "compose refuses a file that does not validate (exit $rc)"
	show "$work/invalid.sql" 5
fi
for f in "$dir"/compose/*.yaml; do
	name=$(basename "$f" .yaml)
	want=$(sed -n 's/^# expect: \([EW][0-9]*\).*/\1/p' "$f")
	run "$work/c_$name.out" "$work/c_$name.err" compose "$f"
	sed -i "s|$dir/||g" "$work/c_$name.err" # paths relative to tests/validate
	if [ "${AKKO_REGEN:-0}" = 1 ]; then cp "$work/c_$name.err" "$dir/compose/$name.stderr"; fi
	if [ $rc = 1 ] && cmp -s "$work/c_$name.err" "$dir/compose/$name.stderr" && grep -q "\[$want\]" "$work/c_$name.err"; then
		pass "compose refuses compose/$name.yaml with $want"
	else
		fail "compose refuses compose/$name.yaml with $want (exit $rc)"
		diff "$dir/compose/$name.stderr" "$work/c_$name.err" | show /dev/stdin 12
	fi
done

# ---- invalid files -----------------------------------------------------------
count=0
for f in "$dir"/bad/*.yaml; do
	name=$(basename "$f" .yaml)
	count=$((count + 1))
	want=$(sed -n 's/^# expect: \([EW][0-9]*\).*/\1/p' "$f")
	run "$work/b_$name.out" "$work/b_$name.err" validate "$f"
	sed -i "s|$dir/||g" "$work/b_$name.err" # paths relative to tests/validate
	if [ "${AKKO_REGEN:-0}" = 1 ]; then cp "$work/b_$name.err" "$dir/bad/$name.stderr"; fi
	if [ $rc = 1 ] && grep -q "^bad/$name.yaml:[0-9][0-9]*:[0-9][0-9]*: error: .*\[$want\]\$" "$work/b_$name.err"; then
		pass "bad/$name: exit 1, a located $want"
	else
		fail "bad/$name: exit 1, a located $want (exit $rc)"
		show "$work/b_$name.err" 12
	fi
	if cmp -s "$work/b_$name.err" "$dir/bad/$name.stderr"; then pass "bad/$name: diagnostics as in $name.stderr"; else
		fail "bad/$name: diagnostics as in $name.stderr"
		diff "$dir/bad/$name.stderr" "$work/b_$name.err" | show /dev/stdin 12
	fi
	run "$work/b_$name.json" "$work/b_$name.jerr" validate --format json "$f"
	if [ $rc = 1 ] && grep -q "\"valid\":false,.*\"code\":\"$want\"" "$work/b_$name.json"; then
		pass "bad/$name: JSON reports $want"
	else
		fail "bad/$name: JSON reports $want (exit $rc)"
		show "$work/b_$name.json" 5
	fi
done
check "at least 50 invalid cases ($count)" test "$count" -ge 50
nsql=$(ls "$dir"/bad/sql_*.yaml | wc -l)
check "at least 20 adversarial SQL payloads ($nsql)" test "$nsql" -ge 20

# ---- the command line -------------------------------------------------------
run "$work/io.out" "$work/io.err" validate "$work/no-such.yaml"
check "validate: an unreadable file exits 3 with E0001" sh -c "[ $rc = 3 ] && grep -q E0001 '$work/io.err'"
run "$work/io.json" "$work/io.jerr" validate --format json "$work/no-such.yaml"
check "validate --format json: an unreadable file is an E0001 object" grep -q '"valid":false,"errors":\[{"line":0,"col":0,"code":"E0001"' "$work/io.json"
run "$work/mix.out" "$work/mix.err" validate "$simple" "$dir/bad/sql_grant.yaml"
check "validate: one invalid file among valid ones exits 1" test $rc = 1
check "validate: the valid file is still reported" grep -q 'simple.yaml: valid' "$work/mix.out"
run "$work/u.out" "$work/u.err" validate
check "validate without a file is a usage error (exit 2)" test $rc = 2
run "$work/h.out" "$work/h.err" help validate
check "help validate shows examples" grep -q 'Examples:' "$work/h.out"
run "$work/h.out" "$work/h.err" help compose
check "help compose shows examples" grep -q 'Examples:' "$work/h.out"

# ---- the schema in the docs is the binary's ---------------------------------
run "$work/schema.md" "$work/schema.err" help schema
sed -n '/^<!-- generated by .akko-migrate help schema/,$p' "$AKKO_SRCDIR/docs/pipeline-yaml.md" | sed 1d >"$work/schema.doc"
if [ $rc = 0 ] && [ -s "$work/schema.md" ] && cmp -s "$work/schema.md" "$work/schema.doc"; then
	pass "docs/pipeline-yaml.md's Schema section is 'akko-migrate help schema'"
else
	fail "docs/pipeline-yaml.md's Schema section is 'akko-migrate help schema'"
	echo "#   refresh it: replace everything after the '<!-- generated by' line with that output"
	diff "$work/schema.doc" "$work/schema.md" | show /dev/stdin 12
fi

# ---- composed statements run in PostgreSQL -----------------------------------
. "$AKKO_SRCDIR/tests/pg/pg.sh"
pg_start
prc=$?
if [ $prc -ne 0 ]; then
	skip "composed statements run in PostgreSQL" "$PG_WHY"
else
	{
		echo "SET client_min_messages = warning; SET akko.min_amount = '1000'; SET akko.max_gross = '0';"
		echo "CREATE TABLE customers (id integer, name text, status text);"
		echo "INSERT INTO customers VALUES (1, 'ann', 'A'), (2, 'bob', 'A'), (3, 'cy', NULL);"
		echo "CREATE TABLE orders_file (order_id integer, cust_id integer, amount numeric(12,2));"
		echo "INSERT INTO orders_file VALUES (10, 1, 6000), (11, 1, 50), (12, 2, 900);"
		echo "CREATE TABLE items (item_id integer, price numeric);"
		echo "INSERT INTO items VALUES (1, 10), (2, 200);"
		cat "$work"/all_types.sql "$work"/simple.sql
	} >"$work/run.sql"
	if pg_psql -f "$work/run.sql" >"$work/run.out" 2>&1; then
		pass "every composed statement of good/ runs in PostgreSQL"
	else
		fail "every composed statement of good/ runs in PostgreSQL"
		show "$work/run.out" 12
	fi
	# hand-computed: customers 1 (6050) and 2 (900) are active; only 1 is
	# above akko.min_amount, with nextval 1, and above 5000: an update
	printf 'SET akko.min_amount = %s;\n' "'1000'" >"$work/dim.sql"
	"$AKKO_BIN" compose -p m_all_types -s tgt_dim_customer "$dir/good/all_types.yaml" >>"$work/dim.sql"
	got=$(pg_psql -F '|' -f "$work/dim.sql" 2>&1 | tail -n +2)
	check "tgt_dim_customer receives the hand-computed row ($got)" test "$got" = "1|ANN|6050.00|1|update"
	# a variable update: the greater of the start value and the largest
	# gross (items 10 and 200: 12.00 and 240.00)
	for start in 0 500; do
		printf 'SET akko.max_gross = %s;\n' "'$start'" >"$work/var.sql"
		"$AKKO_BIN" compose -p m_simple -V '$$MAX_GROSS' "$dir/good/simple.yaml" >>"$work/var.sql"
		got=$(pg_psql -f "$work/var.sql" 2>&1 | tail -n +2)
		want=240.00
		[ $start = 500 ] && want=500
		check "variable update \$\$MAX_GROSS from $start persists the hand-computed $want ($got)" test "$got" = "$want"
	done
fi
pg_stop
echo "# suite done"

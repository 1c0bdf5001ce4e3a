#!/bin/sh
# neutral.sh - the rule engine's lowering on data flows no PowerCenter
# export wrote: tests/unit/neutral_flows builds them by hand (SSIS tool,
# link-level edges, first-match routing, lookups that fail or redirect on
# no match, aggregates given by kind) and writes their pipeline YAML; each
# is composed per sink and run in a throw-away PostgreSQL (tests/pg/pg.sh).
#
# Every tests/neutral/<case>/ holds setup.sql (tables and rows), an
# optional `flow` file naming the generated flow (default: the case name),
# and per sink either expected/<sink id>.tsv (the rows, derived by hand;
# tab-separated, NULL as \N) or expected/<sink id>.error (a line the
# statement's error must contain: the run fails).
. "$(dirname "$0")/lib.sh"
. "$AKKO_SRCDIR/tests/pg/pg.sh"

casedir=$AKKO_SRCDIR/tests/neutral
work="$TESTS_OUT/neutral"
rm -rf "$work" && mkdir -p "$work" || exit 1
gen="$AKKO_BUILDDIR/tests/unit/neutral_flows"

if [ ! -x "$gen" ]; then
	fail "neutral flow builder $gen exists (run make check)"
	echo "# suite done"
	exit 0
fi
if ${AKKO_TEST_WRAPPER:-} "$gen" "$work" >"$work/gen.log" 2>&1; then
	pass "hand-built flows lowered and written"
else
	fail "hand-built flows lowered and written"
	show "$work/gen.log" 20
fi
if ! pg_start_or_report "neutral-lowering tests"; then
	echo "# suite done"
	exit 0
fi

for dir in "$casedir"/*/; do
	dir=${dir%/}
	name=$(basename "$dir")
	flow=$name
	[ -f "$dir/flow" ] && flow=$(cat "$dir/flow")
	yaml="$work/$flow.yaml"
	out="$work/$name"
	mkdir -p "$out"
	db="neutral_$name"
	if ! pg_psql -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >"$out/createdb.log" 2>&1 ||
		! pg_psql -q -d "$db" -f "$dir/setup.sql" >"$out/setup.log" 2>&1; then
		fail "$name: setup.sql"
		show "$out/setup.log" 20
		continue
	fi
	if ${AKKO_TEST_WRAPPER:-} "$AKKO_BIN" validate "$yaml" >"$out/validate.log" 2>&1; then
		pass "$name: the YAML validates"
	else
		fail "$name: the YAML validates"
		show "$out/validate.log" 20
	fi
	for exp in "$dir"/expected/*; do
		sink=$(basename "$exp")
		sink=${sink%.*}
		label="$name: $sink"
		if ! ${AKKO_TEST_WRAPPER:-} "$AKKO_BIN" compose "$yaml" --pipeline "$flow" --sink "$sink" \
			>"$out/$sink.sql" 2>"$out/$sink.compose.log"; then
			fail "$label (compose)"
			show "$out/$sink.compose.log" 20
			continue
		fi
		pg_copy_wrap "$out/$sink.sql" "$out/$sink.run.sql"
		pg_psql -q -d "$db" -f "$out/$sink.run.sql" >"$out/$sink.rows" 2>"$out/$sink.psql.log"
		prc=$?
		case $exp in
		*.error)
			if [ $prc != 0 ] && grep -qF "$(cat "$exp")" "$out/$sink.psql.log"; then
				pass "$label (the run fails: $(cat "$exp"))"
			else
				fail "$label (the run must fail with: $(cat "$exp"))"
				show "$out/$sink.psql.log" 10
				show "$out/$sink.sql" 40
			fi
			continue
			;;
		esac
		if [ $prc != 0 ] || grep -q 'ERROR' "$out/$sink.psql.log"; then
			fail "$label (the statement failed in PostgreSQL)"
			show "$out/$sink.psql.log" 10
			show "$out/$sink.sql" 40
			continue
		fi
		pg_rows_check "$label" "$exp" "$out/$sink"
	done
done
pg_stop
echo "# suite done"

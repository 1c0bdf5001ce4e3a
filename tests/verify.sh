#!/bin/sh
# verify.sh - `akko-migrate verify`: the quality checks of pipelines whose
# data is in the file, run in a throwaway PostgreSQL (tests/pg/pg.sh).
#
# Every tests/verify/<case>.yaml is a hand-written pipeline file with
# source_inline nodes and checks; <case>.out is the exact output of
# `akko-migrate verify <case>.yaml` and <case>.exit its exit status, both
# derived by hand (the YAML's comments show the arithmetic).  Then the
# options and failures: --pipeline, several files, --format json (parsed by
# python3), --timeout, compose --check (its statement run by psql), an
# invalid file, a server that cannot be reached, a missing psql.
#
# Without PostgreSQL the suite fails loudly; AKKO_ALLOW_PG_SKIP=1 turns that
# into a skip (never in CI).
. "$(dirname "$0")/lib.sh"
. "$AKKO_SRCDIR/tests/pg/pg.sh"

cases=$AKKO_SRCDIR/tests/verify
work="$TESTS_OUT/verify"
rm -rf "$work" && mkdir -p "$work" || exit 1

# tool OUT ERR ARGS...: run akko-migrate; sets trc.
tool() {
	_out=$1 _err=$2
	shift 2
	${AKKO_TEST_WRAPPER:-} "$AKKO_BIN" "$@" >"$_out" 2>"$_err" </dev/null
	trc=$?
}

# expect LABEL WANT_EXIT WANT_OUT OUT ERR: exit status and exact stdout.
expect() {
	if [ "$trc" != "$2" ]; then
		fail "$1 (exit $2, got $trc)"
		show "$5" 10
		show "$4" 20
	elif ! diff -u "$3" "$4" >"$4.diff" 2>&1; then
		fail "$1 (output differs: - expected, + got)"
		show "$4.diff" 40
		show "$5" 10
	else
		pass "$1 (exit $2)"
	fi
}

# contains LABEL FILE TEXT: FILE holds TEXT.
contains() {
	if grep -qF -- "$3" "$2"; then pass "$1"; else
		fail "$1 ('$3' not in $2)"
		show "$2" 10
	fi
}

# Checks that need no server.
tool "$work/help.out" "$work/help.err" verify --help
check "verify --help exits 0" test "$trc" = 0
for want in "--pg CONNINFO" "AKKO_PG" "--psql PATH" "--format" "--timeout" "not runnable" "Exit status" \
	"Examples:" "BEGIN READ ONLY"; do
	contains "verify --help explains '$want'" "$work/help.out" "$want"
done
tool "$work/nopg.out" "$work/nopg.err" verify "$cases/all_pass.yaml"
check "verify without --pg or AKKO_PG is a usage error (exit 2, got $trc)" test "$trc" = 2
contains "verify without a server says how to give one" "$work/nopg.err" "give --pg CONNINFO or set AKKO_PG"
tool "$work/noarg.out" "$work/noarg.err" verify --pg x
check "verify without a file is a usage error (exit 2, got $trc)" test "$trc" = 2
tool "$work/badfmt.out" "$work/badfmt.err" verify --pg x --format xml "$cases/all_pass.yaml"
check "verify --format xml is a usage error (exit 2, got $trc)" test "$trc" = 2
# psql missing: on PATH, and as --psql (the wrapper is bypassed: PATH is empty)
env PATH=/nonexistent "$AKKO_BIN" verify --pg 'host=/nonexistent' "$cases/all_pass.yaml" \
	>"$work/nopsql.out" 2>"$work/nopsql.err" </dev/null
trc=$?
check "verify without psql on PATH exits 8 (got $trc)" test "$trc" = 8
contains "verify without psql says so" "$work/nopsql.err" "psql not found"
contains "verify without psql says how to get it" "$work/nopsql.err" "postgresql-client"
tool "$work/badpsql.out" "$work/badpsql.err" verify --pg x --psql /nonexistent/psql "$cases/all_pass.yaml"
check "verify --psql naming no program exits 8 (got $trc)" test "$trc" = 8
contains "verify --psql naming no program says so" "$work/badpsql.err" "'/nonexistent/psql' is not an executable"
printf 'not a program\n' >"$work/notprog" && chmod +x "$work/notprog"
tool "$work/notprog.out" "$work/notprog.err" verify --pg x --psql "$work/notprog" "$cases/all_pass.yaml"
check "verify --psql naming a file exec refuses exits 8 (got $trc)" test "$trc" = 8
contains "verify --psql naming a file exec refuses says why" "$work/notprog.err" "cannot execute '$work/notprog': Exec format error"
# a file that is not valid, and one that cannot be read
printf 'version: 1\npipelines: [\n' >"$work/broken.yaml"
tool "$work/broken.out" "$work/broken.err" verify --pg x "$work/broken.yaml"
check "verify of an invalid file exits 1 (got $trc)" test "$trc" = 1
contains "verify of an invalid file gives located errors" "$work/broken.err" "broken.yaml:"
tool "$work/missing.out" "$work/missing.err" verify --pg x "$work/no-such.yaml"
check "verify of a missing file exits 3 (got $trc)" test "$trc" = 3
# no check is runnable: no server is needed (nor reached)
tool "$work/nothing.out" "$work/nothing.err" verify --pg 'host=/nonexistent' --pipeline from_table \
	"$cases/not_runnable.yaml"
cat >"$work/nothing.want" <<'EOF'
SKIP  from_table/exp_1_row_count  (not runnable: node 'src_orders' is a source_table: it reads table 'orders' of a source connection)
SKIP  from_table/exp_1_test  (not runnable: node 'src_orders' is a source_table: it reads table 'orders' of a source connection)
SKIP  from_table/exp_1_schema  (not runnable: needs the target table: a schema_validation compares the node's columns with the table it writes, which verify does not read)
verify: 3 checks in 1 pipeline: 0 passed, 0 failed, 0 errors, 3 not runnable
EOF
expect "verify --pipeline from_table: nothing runnable" 7 "$work/nothing.want" "$work/nothing.out" "$work/nothing.err"
tool "$work/nopipe.out" "$work/nopipe.err" verify --pg x --pipeline nope "$cases/all_pass.yaml"
check "verify --pipeline naming no pipeline exits 2 (got $trc)" test "$trc" = 2
# compose --check: a check without a statement is refused
tool "$work/cschema.out" "$work/cschema.err" compose --check tgt_totals_schema_validation "$cases/all_pass.yaml"
check "compose --check of a schema_validation exits 1 (got $trc)" test "$trc" = 1
contains "compose --check of a schema_validation says why" "$work/cschema.err" "needs the target table"
tool "$work/cnone.out" "$work/cnone.err" compose --check nope "$cases/all_pass.yaml"
check "compose --check naming no check exits 2 (got $trc)" test "$trc" = 2

if ! pg_start_or_report "verify tests"; then
	echo "# suite done"
	exit 0
fi
AKKO_PG="host=$PG_DIR port=$PG_PORT user=postgres dbname=postgres"
export AKKO_PG PGCLIENTENCODING=UTF8

# The cases: exact output and exit status.
for yaml in "$cases"/*.yaml; do
	name=$(basename "$yaml" .yaml)
	[ -f "$cases/$name.out" ] || continue
	tool "$work/$name.out" "$work/$name.err" verify "$yaml"
	expect "verify $name" "$(cat "$cases/$name.exit")" "$cases/$name.out" "$work/$name.out" "$work/$name.err"
done

# --pg wins over AKKO_PG
AKKO_PG='host=/nonexistent' tool "$work/pgopt.out" "$work/pgopt.err" verify \
	--pg "host=$PG_DIR port=$PG_PORT user=postgres dbname=postgres" "$cases/all_pass.yaml"
expect "verify --pg wins over AKKO_PG" 0 "$cases/all_pass.out" "$work/pgopt.out" "$work/pgopt.err"
# a URI works as well as key=value
tool "$work/uri.out" "$work/uri.err" verify \
	--pg "postgresql://postgres@/postgres?host=$PG_DIR&port=$PG_PORT" "$cases/wrong_count.yaml"
expect "verify --pg postgresql://... (a URI)" 6 "$cases/wrong_count.out" "$work/uri.out" "$work/uri.err"

# --pg '' leaves the connection to libpq's environment
PGHOST=$PG_DIR PGPORT=$PG_PORT PGUSER=postgres PGDATABASE=postgres tool "$work/env.out" "$work/env.err" \
	verify --pg '' "$cases/wrong_count.yaml"
expect "verify --pg '' (libpq's PGHOST, PGPORT...)" 6 "$cases/wrong_count.out" "$work/env.out" "$work/env.err"

# Several files: a header per file, one summary, the worst exit status.
{
	echo "== $cases/all_pass.yaml"
	grep -v '^verify:' "$cases/all_pass.out"
	echo "== $cases/wrong_count.yaml"
	grep -v '^verify:' "$cases/wrong_count.out"
	echo "verify: 9 checks in 2 pipelines: 6 passed, 1 failed, 0 errors, 2 not runnable"
} >"$work/two.want"
tool "$work/two.out" "$work/two.err" verify "$cases/all_pass.yaml" "$cases/wrong_count.yaml"
expect "verify of two files" 6 "$work/two.want" "$work/two.out" "$work/two.err"

# --timeout: the slow assertion is cancelled, the check after it runs.
cat >"$work/slow.want" <<'EOF'
ERROR slow/count_far  canceling statement due to statement timeout
PASS  slow/text_input_1_row_count  1 row
verify: 2 checks in 1 pipeline: 1 passed, 0 failed, 1 error, 0 not runnable
EOF
tool "$work/slow.out" "$work/slow.err" verify --timeout 1 "$cases/slow.yaml"
expect "verify --timeout 1 cancels a slow statement" 6 "$work/slow.want" "$work/slow.out" "$work/slow.err"

# JSON: one object per file, read back by python3.
tool "$work/json.out" "$work/json.err" verify --format json "$cases/all_pass.yaml" "$cases/assertion_edges.yaml"
check "verify --format json exits 6 for a failing file (got $trc)" test "$trc" = 6
if python3 - "$work/json.out" >"$work/json.log" 2>&1 <<'EOF'; then pass "verify --format json: objects as documented"; else
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 2, lines
a, b = (json.loads(l) for l in lines)
assert a["file"].endswith("all_pass.yaml"), a["file"]
st = {c["id"]: c["status"] for c in a["checks"]}
assert st == {"tgt_totals_row_count": "pass", "tgt_totals_null_percentage": "pass",
              "tgt_totals_duplicate": "pass", "tgt_totals_schema_validation": "not_runnable",
              "summarize_2_reconciliation": "not_runnable", "test_3_customers": "pass",
              "test_ann": "pass"}, st
rc = [c for c in a["checks"] if c["type"] == "row_count"][0]
assert rc["rows"] == 3 and rc["node"] == "tgt_totals" and rc["pipeline"] == "orders", rc
assert a["summary"] == {"pipelines": 1, "checks": 7, "pass": 5, "fail": 0, "error": 0,
                        "not_runnable": 2}, a["summary"]
st = {c["id"]: c["status"] for c in b["checks"]}
assert st == {"null_max": "fail", "no_row": "fail", "two_rows": "error", "not_boolean": "error",
              "plain_false": "fail", "ok_after": "pass"}, st
assert b["checks"][0]["message"] == "amounts reach 5 (the assertion is NULL)", b["checks"][0]
assert all("rows" not in c for c in b["checks"])
print("ok")
EOF
	fail "verify --format json: objects as documented"
	show "$work/json.log" 20
	show "$work/json.out" 5
fi

# compose --check prints what verify runs; psql runs it.
for spec in "test_3_customers t" "tgt_totals_row_count 3" "tgt_totals_duplicate 0|0" \
	"tgt_totals_null_percentage 3|0|1|0"; do
	id=${spec% *}
	want=${spec#* }
	tool "$work/c_$id.sql" "$work/c_$id.err" compose --check "$id" "$cases/all_pass.yaml"
	got=$(pg_psql -q -f "$work/c_$id.sql" 2>"$work/c_$id.psql" </dev/null)
	if [ "$trc" = 0 ] && [ "$got" = "$want" ]; then pass "compose --check $id runs in psql: $want"; else
		fail "compose --check $id runs in psql: $want (exit $trc, got '$got')"
		show "$work/c_$id.err" 10
		show "$work/c_$id.psql" 10
		show "$work/c_$id.sql" 30
	fi
done

# A server that cannot be reached: exit 8, psql's reason, a hint.
tool "$work/down.out" "$work/down.err" verify --pg "host=$PG_DIR/nope port=$PG_PORT user=postgres" \
	"$cases/all_pass.yaml"
check "verify with an unreachable server exits 8 (got $trc)" test "$trc" = 8
contains "verify with an unreachable server says so" "$work/down.err" "PostgreSQL could not be used"
contains "verify with an unreachable server gives psql's reason" "$work/down.err" "No such file or directory"
check "verify with an unreachable server prints no check line" test ! -s "$work/down.out"
# A database that does not exist: the server answers, the session fails.
tool "$work/nodb.out" "$work/nodb.err" verify --pg "host=$PG_DIR port=$PG_PORT user=postgres dbname=nope" \
	"$cases/all_pass.yaml"
check "verify with a missing database exits 8 (got $trc)" test "$trc" = 8
contains "verify with a missing database gives the server's reason" "$work/nodb.err" '"nope" does not exist'

# How psql is run, seen by a stand-in: its arguments, and the SQL on its
# stdin in one read-only transaction that is rolled back.
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >"%s/fake.args"\ncat >"%s/fake.sql"\n' "$work" "$work" >"$work/fake-psql"
chmod +x "$work/fake-psql"
tool "$work/fake.out" "$work/fake.err" verify --psql "$work/fake-psql" --pg 'dbname=x' --timeout 7 \
	"$cases/wrong_count.yaml"
check "verify with a psql that prints nothing reports errors (exit 6, got $trc)" test "$trc" = 6
tr '\n' ' ' <"$work/fake.args" >"$work/fake.argline"
contains "psql runs as psql -X -A -t -q -v ON_ERROR_STOP=1 ... -d CONNINFO" "$work/fake.argline" \
	"-X -A -t -q -v ON_ERROR_STOP=1 -v VERBOSITY=terse -d dbname=x "
check "psql gets the SQL on stdin, in a read-only transaction" test "$(head -1 "$work/fake.sql")" = "BEGIN READ ONLY;"
contains "the transaction has a statement timeout" "$work/fake.sql" "SET LOCAL statement_timeout = '7s';"
check "the transaction is rolled back" test "$(tail -1 "$work/fake.sql")" = "ROLLBACK;"
check "the SQL holds one statement per runnable check" test "$(grep -c '^\\echo akko-verify:' "$work/fake.sql")" = 2

pg_stop
echo "# suite done"

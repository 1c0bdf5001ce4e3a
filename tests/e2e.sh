#!/bin/sh
# e2e.sh - PowerCenter mappings and SSIS packages converted, composed and
# run in PostgreSQL.
#
# Every tests/e2e/<mapping>/ holds mapping.XML (a POWERMART export whose
# mapping is named like the directory) or package.dtsx (an SSIS package
# with one data flow, whose path names the pipeline), setup.sql (the source and lookup
# tables with sample rows) and expected/<sink id>.tsv (the rows PowerCenter
# writes to that target, derived by hand; tab-separated, NULL as \N, as
# PostgreSQL prints them) or expected/<sink id>.error (the run fails: the
# file holds a substring of PostgreSQL's error message).  For each case, in a fresh database of a
# throw-away PostgreSQL server (tests/pg/pg.sh): run setup.sql, convert the
# mapping (exit 0, or 4 for a failed gate), validate the YAML, and for each
# expected sink run `akko-migrate compose --pipeline <mapping> --sink <id>`
# and compare the statement's rows with the expected ones, both sorted.
# An optional file `once` lists "<node id> <text>" lines: the text must
# occur exactly once in that node's SQL.  A case's optional variables.tsv
# lists the value the run persists for each variable it updates (`compose
# --variable`), one "variable<TAB>value" line each; assertions.tsv what each
# assertion check evaluates to (`compose --check`), "check<TAB>t" or f.
# Alteryx cases are workflow.yxmd, with no setup.sql when every source is a
# Text Input, and a macros/ directory passed as -I when they use macros.
# An optional verify.exit
# holds the exit status of `akko-migrate verify` on the YAML (and verify.out
# its exact output): the job's own tests run on its inline rows.
# One "ok"/"not ok" line for the conversion, one for validation, one per
# `once` line, one per sink and one per variable; a failure shows the diff
# or the tool's messages.
#
# Without PostgreSQL the suite fails loudly; AKKO_ALLOW_PG_SKIP=1 turns that
# into a skip (never in CI).  AKKO_E2E_CASES=DIR reads other cases; case
# names given as arguments run only those.
. "$(dirname "$0")/lib.sh"
. "$AKKO_SRCDIR/tests/pg/pg.sh"

casedir=${AKKO_E2E_CASES:-$AKKO_SRCDIR/tests/e2e}
work="$TESTS_OUT/e2e"
rm -rf "$work" && mkdir -p "$work" || exit 1

if ! pg_start_or_report "end-to-end tests"; then
	echo "# suite done"
	exit 0
fi

# tool LOG ARGS...: run akko-migrate, stdout and stderr to LOG; sets trc.
tool() {
	_log=$1
	shift
	${AKKO_TEST_WRAPPER:-} "$AKKO_BIN" "$@" >"$_log" 2>&1
	trc=$?
}

# fail_sinks CASE WHY: one "not ok" per expected sink of a case that
# could not get as far as running its statements.
fail_sinks() {
	for _exp in "$dir"/expected/*.tsv "$dir"/expected/*.error; do
		[ -f "$_exp" ] || continue
		_s=$(basename "$_exp")
		fail "$1: ${_s%.*} ($2)"
	done
}

# the_pipeline YAML: the name of the only pipeline of YAML (an SSIS
# package's data flow path, e.g. "Package\Data Flow Task").
the_pipeline() {
	python3 -c 'import sys, yaml
p = yaml.safe_load(open(sys.argv[1]))["pipelines"]
print(p[0]["name"] if len(p) == 1 else "")' "$1" 2>/dev/null
}

ncases=0
for dir in "$casedir"/*/; do
	dir=${dir%/}
	name=$(basename "$dir")
	input=$dir/mapping.XML
	[ -f "$input" ] || input=$dir/package.dtsx
	[ -f "$input" ] || input=$dir/workflow.yxmd
	[ -f "$input" ] || input=$dir/job.dsx
	[ -f "$input" ] || input=$dir/job.xml
	[ -f "$input" ] || continue
	if [ $# -gt 0 ]; then
		_want=0
		for _a in "$@"; do [ "$_a" = "$name" ] && _want=1; done
		[ $_want = 1 ] || continue
	fi
	ncases=$((ncases + 1))
	out="$work/$name"
	mkdir -p "$out"
	yaml="$out/$name.yaml"

	if [ "${input##*/}" = mapping.XML ] && ! grep -q "<MAPPING [^>]*NAME =\"$name\"" "$input"; then
		fail "$name: the case directory is named after its mapping"
		echo "#   no MAPPING named '$name' in $input"
		continue
	fi
	if ! ls "$dir"/expected/ 2>/dev/null | grep -q '\.\(tsv\|error\)$'; then
		fail "$name: the case has expected/<sink>.tsv or .error files"
		continue
	fi

	db="e2e_$(printf '%s' "$name" | tr -c 'a-zA-Z0-9_' '_' | tr 'A-Z' 'a-z')"
	# an Alteryx case whose sources are all Text Inputs needs no setup.sql
	_setup=$dir/setup.sql
	[ -f "$_setup" ] || _setup=/dev/null
	if ! pg_psql -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >"$out/createdb.log" 2>&1 ||
		! pg_psql -q -d "$db" -f "$_setup" >"$out/setup.log" 2>&1; then
		fail "$name: setup.sql"
		show "$out/createdb.log" 10
		show "$out/setup.log" 20
		fail_sinks "$name" "setup.sql failed"
		continue
	fi

	# a case's macros/ directory is the macro search path (-I), as a user
	# passes the folder that holds their macros (docs/alteryx.md)
	if [ -d "$dir/macros" ]; then
		tool "$out/convert.log" -I "$dir/macros" "$input" -o "$yaml"
	else
		tool "$out/convert.log" "$input" -o "$yaml"
	fi
	case $trc in
	0 | 4) pass "$name: converted (exit $trc)" ;;
	*)
		fail "$name: converted (exit 0 or 4, got $trc)"
		show "$out/convert.log" 30
		fail_sinks "$name" "not converted"
		continue
		;;
	esac
	if [ ! -s "$yaml" ]; then
		fail "$name: the conversion wrote $yaml"
		fail_sinks "$name" "no pipeline YAML"
		continue
	fi
	pipeline=$name
	if [ "${input##*/}" != mapping.XML ]; then
		pipeline=$(the_pipeline "$yaml")
		if [ -z "$pipeline" ]; then
			fail "$name: the package converts to one pipeline"
			fail_sinks "$name" "no single pipeline"
			continue
		fi
	fi

	tool "$out/validate.log" validate "$yaml"
	if [ $trc = 0 ]; then pass "$name: validates"; else
		fail "$name: validates (exit $trc)"
		show "$out/validate.log" 30
	fi

	# verify.exit: verify's exit status on the YAML (0: the job's own
	# tests pass on its inline rows; 6: one fails; 7: nothing can run), and
	# verify.out, when present, its exact output (docs/verify.md)
	if [ -f "$dir/verify.exit" ]; then
		tool "$out/verify.log" verify --pg "host=$PG_DIR port=$PG_PORT user=postgres dbname=$db" "$yaml"
		_want=$(cat "$dir/verify.exit")
		if [ "$trc" = "$_want" ] && { [ ! -f "$dir/verify.out" ] || cmp -s "$dir/verify.out" "$out/verify.log"; }; then
			pass "$name: verify exits $_want"
		else
			fail "$name: verify exits $_want (got $trc)"
			[ -f "$dir/verify.out" ] && diff -u "$dir/verify.out" "$out/verify.log" | show /dev/stdin 20
			[ -f "$dir/verify.out" ] || show "$out/verify.log" 20
		fi
	fi
	# once: "<node id> <text>" per line, the text occurs exactly once in
	# that node's SQL (a value computed once, not repeated where it is read)
	if [ -f "$dir/once" ]; then
		while IFS=' ' read -r _node _text || [ -n "$_node" ]; do
			[ -n "$_node" ] || continue
			_n=$(python3 -c 'import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
print(sum((n.get("sql") or "").count(sys.argv[3]) for p in d["pipelines"] for n in p["nodes"]
          if n["id"] == sys.argv[2]))' "$yaml" "$_node" "$_text" 2>&1)
			if [ "$_n" = 1 ]; then pass "$name: node $_node has '$_text' once"; else
				fail "$name: node $_node has '$_text' once (found: $_n)"
			fi
		done <"$dir/once"
	fi
	# queries kept in the source's dialect and XML files: the runner's
	# work, done here (the cases' source is this server, their files are
	# in the case's directory)
	if grep -q '^ *source_sql:\|^ *format: xml' "$yaml"; then
		if AKKO_BIN="$AKKO_BIN" python3 "$AKKO_SRCDIR/tests/pg/materialise.py" "$yaml" "$dir" >"$out/materialise.sql" 2>"$out/materialise.log" &&
			pg_psql -q -d "$db" -f "$out/materialise.sql" >>"$out/materialise.log" 2>&1; then
			pass "$name: source_sql and XML nodes materialised"
		else
			fail "$name: source_sql and XML nodes materialised"
			show "$out/materialise.log" 20
		fi
	fi

	for exp in "$dir"/expected/*.tsv "$dir"/expected/*.error; do
		[ -f "$exp" ] || continue
		sink=$(basename "$exp")
		sink=${sink%.*}
		label="$name: $sink"
		${AKKO_TEST_WRAPPER:-} "$AKKO_BIN" compose "$yaml" --pipeline "$pipeline" --sink "$sink" \
			>"$out/$sink.sql" 2>"$out/$sink.compose.log"
		trc=$?
		if [ $trc != 0 ]; then
			fail "$label (compose exit $trc)"
			show "$out/$sink.compose.log" 20
			continue
		fi
		if ! grep -q '[^[:space:]]' "$out/$sink.sql"; then
			fail "$label (compose printed no statement)"
			show "$out/$sink.compose.log" 20
			continue
		fi
		pg_copy_wrap "$out/$sink.sql" "$out/$sink.run.sql"
		if [ "${exp##*.}" = error ]; then
			# a run that must fail, with this text in PostgreSQL's message
			_want=$(cat "$exp")
			if pg_psql -q -d "$db" -f "$out/$sink.run.sql" >"$out/$sink.rows" 2>"$out/$sink.psql.log"; then
				fail "$label fails at run time (it ran: $(wc -l <"$out/$sink.rows") rows)"
				show "$out/$sink.sql" 40
			elif grep -qF -- "$_want" "$out/$sink.psql.log"; then
				pass "$label fails at run time ($_want)"
			else
				fail "$label fails at run time with '$_want'"
				show "$out/$sink.psql.log" 10
			fi
			continue
		fi
		if ! pg_psql -q -d "$db" -f "$out/$sink.run.sql" >"$out/$sink.rows" 2>"$out/$sink.psql.log"; then
			fail "$label (the statement failed in PostgreSQL)"
			show "$out/$sink.psql.log" 10
			echo "#   statement ($out/$sink.sql):"
			show "$out/$sink.sql" 40
			continue
		fi
		pg_rows_check "$label" "$exp" "$out/$sink"
	done

	# a job's own assertions (an Alteryx Test tool): assertions.tsv gives,
	# per quality check of type assertion, what it evaluates to (t or f);
	# variable updates: variables.tsv the value the run persists for each
	# variable (as declared); each a tab, then the value psql prints
	for _kind in assertion variable; do
		_tsv=$dir/${_kind}s.tsv
		[ -f "$_tsv" ] || continue
		while IFS='	' read -r key want; do
			[ -n "$key" ] || continue
			label="$name: $_kind $key"
			vsql="$out/${_kind}_$(printf '%s' "$key" | tr -c 'a-zA-Z0-9_' '_')"
			_opt=--variable
			[ $_kind = assertion ] && _opt=--check
			if ! ${AKKO_TEST_WRAPPER:-} "$AKKO_BIN" compose "$yaml" --pipeline "$pipeline" $_opt "$key" \
				>"$vsql.sql" 2>"$vsql.log" </dev/null; then
				fail "$label (compose failed)"
				show "$vsql.log" 20
				continue
			fi
			got=$(pg_psql -d "$db" -f "$vsql.sql" 2>"$vsql.err" </dev/null)
			if [ "$got" = "$want" ]; then pass "$label gives $want"; else
				fail "$label gives $want (got '$got')"
				show "$vsql.err" 10
				show "$vsql.sql" 30
			fi
		done <"$_tsv"
	done
done

if [ $ncases -eq 0 ]; then
	fail "end-to-end cases found in $casedir${1:+ (named: $*)}"
fi
# corpus_run TOOL OUT FLOOR ARGS...: the real corpus of TOOL (../shared/
# corpus/TOOL) through tests/corpus/convert-corpus.py: every file converts,
# every output validates, and at least FLOOR% of the sinks' composed
# queries pass EXPLAIN; its TAP lines and summary (and, with --by-tool,
# the failures by class) are printed.
corpus_run() {
	_dir=$AKKO_SRCDIR/../shared/corpus/$1 _out=$TESTS_OUT/$2 _floor=$3
	shift 3
	if [ ! -d "$_dir" ]; then
		skip "real-corpus conversion ($1)" "../shared/corpus/$1 is not beside the checkout"
		return
	fi
	python3 "$AKKO_SRCDIR/tests/corpus/convert-corpus.py" --tap --bin "$AKKO_BIN" --corpus "$_dir" \
		--out "$_out" --min-explain "$_floor" "$@" \
		--psql "$PG_PSQL -h $PG_DIR -p $PG_PORT -U postgres -d postgres" >"$_out.txt" 2>&1
	grep -E '^(ok|not ok)' "$_out.txt"
	grep -E '^# (files|pipelines|nodes:|gate|mean|outputs|sinks|largest node SQL:)' "$_out.txt"
	sed -n '/^# not accepted, by class:/,/^# not accepted:/p' "$_out.txt" | sed '$d' | head -16
}
if [ $# -eq 0 ]; then
	# PowerCenter: issue 15's target is 146 of 149 sinks, the floor; every
	# sink that fails is listed with its reason (a placeholder upstream:
	# HTTP, SQL script mode; an export that uses a name PowerCenter's
	# language does not).
	corpus_run powercenter convert-corpus 97.9
	# SSIS: the issue's target is 90% of the sinks, the rest reading a
	# component kept for review (Script, Fuzzy Lookup and Grouping, Term
	# Extraction and Lookup, Import Column, Slowly Changing Dimension, XML
	# held by a variable).
	corpus_run ssis convert-corpus-ssis 90 --label ssis
	# Alteryx workflows, macros and apps (issue 17): each file is converted
	# from its repository's tree, rebuilt from MANIFEST.tsv as symlinks
	# (--original-tree), so relative macro references resolve as in the
	# original checkout.  The only -I is the folder of Alteryx's own
	# published tools (alteryx/Optimization, alteryx/SimSampling), which a
	# user who installed them has in Designer's macro folder: workflows
	# name them "Optimization/Supporting_Macros/Optimization.yxmc".  The
	# floor is the share of sinks (Output Data, Browse, and the Macro
	# Outputs of a macro converted on its own) whose composed query passes
	# EXPLAIN today (164 of 496, 33.1%); the issue's target is 90%.
	# Most of the rest read an R tool (inside those two tools), a Macro
	# Input of SimSampling's macro that its instances do not feed (behind
	# the Count Records it calls, read as the documented tool), a
	# Predictive Tools macro Alteryx installs (in no repository), an SDK,
	# spatial or reporting tool, or a tool whose configuration has no
	# reader yet (the failures by class).
	corpus_run alteryx convert-corpus-alteryx 33.0 --label alteryx --by-tool --original-tree --installed alteryx
	# DataStage .dsx and DSExport XML exports (issue 18): the table by stage
	# type (origin kind) and conversion_source, the failures by class.  The
	# floor is what passes EXPLAIN today, 94 of 104 sinks (90.4%); the
	# issue's target is 90%.  The ten left go to review with their reason:
	# @INROWNUM in a Transformer that runs in parallel (three: it counts
	# per partition); a Lookup whose reference link maps no stream column
	# (the job was never compiled); a Lookup with two reference links; a
	# Filter clause with `like` (a regular expression) and double quotes;
	# a string used as an If condition; UtilityHashLookup (a server
	# routine); two sinks of a job generator's template (#SHORTNAME# in
	# link names).
	corpus_run datastage convert-corpus-datastage 90.3 --label datastage --by-tool
fi
pg_stop
echo "# suite done"

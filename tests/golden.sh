#!/bin/sh
# golden.sh - end-to-end golden cases from the project's own corpus.
#
# corpus/<tool>/<case>.<ext> is an input; beside it:
#   <case>.ast     expected stdout of `akko-migrate inspect <args> <case>.<ext>`
#   <case>.stderr  expected stderr, exactly (absent: stderr must be empty)
#   <case>.exit    expected exit code (absent: 0)
#   <case>.args    extra arguments, one per line (e.g. -p, then a .par file)
#   <case>.pipeline.yaml, <case>.pipeline.stderr
#                  the conversion's output and diagnostics (every PowerCenter
#                  case; an SSIS case only when its .pipeline.yaml exists)
# The runner works inside corpus/<tool>, so paths in the output are the
# case's own name.  For every case it also checks that output is
# deterministic, that -o writes the same bytes atomically, and that a
# failing case leaves no output file.  The JSON form must parse.
#
# AKKO_REGEN=1 rewrites the expectations from the current binary; review
# the diff like code before committing it.
. "$(dirname "$0")/lib.sh"

tmp="$TESTS_OUT/golden"
rm -rf "$tmp"
mkdir -p "$tmp"
have_python=0
command -v python3 >/dev/null 2>&1 && have_python=1

is_input() {
	case "$1" in
	*.ast | *.stderr | *.exit | *.args | *.par | *.prm | *.md | *.yaml) return 1 ;;
	esac
	return 0
}

run_case() { # dir case input
	dir=$1 name=$2 input=$3
	set --
	if [ -f "$dir/$name.args" ]; then
		while IFS= read -r a || [ -n "$a" ]; do
			[ -n "$a" ] && set -- "$@" "$a"
		done <"$dir/$name.args"
	fi
	(cd "$dir" && "$AKKO_BIN" inspect "$@" "$input" >"$tmp/$name.out" 2>"$tmp/$name.err")
	echo $? >"$tmp/$name.rc"
	(cd "$dir" && "$AKKO_BIN" inspect "$@" "$input" >"$tmp/$name.out2" 2>/dev/null)
	rm -f "$tmp/$name.file"
	(cd "$dir" && "$AKKO_BIN" inspect "$@" -o "$tmp/$name.file" "$input" >/dev/null 2>&1)
	(cd "$dir" && "$AKKO_BIN" inspect "$@" --format json "$input" >"$tmp/$name.json" 2>/dev/null)
}

for dir in "$AKKO_SRCDIR"/corpus/*; do
	[ -d "$dir" ] || continue
	tool=$(basename "$dir")
	for path in "$dir"/*; do
		[ -f "$path" ] || continue
		input=$(basename "$path")
		is_input "$input" || continue
		name=${input%.*}
		label="golden $tool/$input"
		run_case "$dir" "$name" "$input"
		rc=$(cat "$tmp/$name.rc")
		want_rc=0
		[ -f "$dir/$name.exit" ] && want_rc=$(cat "$dir/$name.exit")
		if [ -n "${AKKO_REGEN:-}" ]; then
			cp "$tmp/$name.out" "$dir/$name.ast"
			if [ -s "$tmp/$name.err" ]; then cp "$tmp/$name.err" "$dir/$name.stderr"; else rm -f "$dir/$name.stderr"; fi
			if [ "$rc" != 0 ]; then echo "$rc" >"$dir/$name.exit"; else rm -f "$dir/$name.exit"; fi
			[ -s "$dir/$name.ast" ] || rm -f "$dir/$name.ast"
			want_rc=$rc
		fi
		# exit code
		if [ "$rc" = "$want_rc" ]; then pass "$label exits $want_rc"; else
			fail "$label exits $want_rc (got $rc)"
			show "$tmp/$name.err" 10
		fi
		# stdout
		expected_out="$dir/$name.ast"
		[ -f "$expected_out" ] || expected_out=/dev/null
		if cmp -s "$tmp/$name.out" "$expected_out"; then pass "$label output"; else
			fail "$label output differs from $name.ast"
			diff "$expected_out" "$tmp/$name.out" | head -30 | sed 's/^/#   /'
		fi
		# stderr, exactly
		expected_err="$dir/$name.stderr"
		[ -f "$expected_err" ] || expected_err=/dev/null
		if cmp -s "$tmp/$name.err" "$expected_err"; then pass "$label diagnostics"; else
			fail "$label diagnostics differ from $name.stderr"
			diff "$expected_err" "$tmp/$name.err" | head -30 | sed 's/^/#   /'
		fi
		# determinism and -o
		check "$label is deterministic" cmp -s "$tmp/$name.out" "$tmp/$name.out2"
		if [ "$want_rc" = 0 ]; then
			check "$label -o writes the same bytes" cmp -s "$tmp/$name.out" "$tmp/$name.file"
			if [ $have_python = 1 ]; then
				check "$label JSON parses" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/$name.json"
			else
				skip "$label JSON parses" "python3 is not installed"
			fi
			# the conversion: <case>.pipeline.yaml and .pipeline.stderr (every
			# PowerCenter case; an SSIS case when it has a .pipeline.yaml: to
			# add one, create it empty and regenerate)
			if [ "$tool" = powercenter ] || [ -f "$dir/$name.pipeline.yaml" ]; then
				(cd "$dir" && "$AKKO_BIN" "$@" "$input" >"$tmp/$name.pl" 2>"$tmp/$name.plerr")
				plrc=$?
				(cd "$dir" && "$AKKO_BIN" "$@" "$input" 2>/dev/null | cmp -s - "$tmp/$name.pl")
				check "$label converts byte-identically twice" test $? = 0
				if [ -n "${AKKO_REGEN:-}" ]; then
					cp "$tmp/$name.pl" "$dir/$name.pipeline.yaml"
					cp "$tmp/$name.plerr" "$dir/$name.pipeline.stderr"
				fi
				check "$label converts (exit 0)" test "$plrc" = 0
				if [ "$tool" != powercenter ]; then
					"$AKKO_BIN" validate "$tmp/$name.pl" >/dev/null 2>"$tmp/$name.valerr"
					check "$label conversion validates" test $? = 0
				fi
				if cmp -s "$tmp/$name.pl" "$dir/$name.pipeline.yaml"; then pass "$label pipeline"; else
					fail "$label pipeline differs from $name.pipeline.yaml"
					diff "$dir/$name.pipeline.yaml" "$tmp/$name.pl" | head -30 | sed 's/^/#   /'
				fi
				if cmp -s "$tmp/$name.plerr" "$dir/$name.pipeline.stderr"; then pass "$label conversion diagnostics"; else
					fail "$label conversion diagnostics differ from $name.pipeline.stderr"
					diff "$dir/$name.pipeline.stderr" "$tmp/$name.plerr" | head -30 | sed 's/^/#   /'
				fi
			fi
		else
			check "$label leaves no output file" test ! -e "$tmp/$name.file"
			leftovers=$(ls -a "$tmp" | grep -c "^$name\.file\.tmp" || true)
			check "$label leaves no temporary file" test "$leftovers" = 0
		fi
	done
done
# Every diagnostic code has a golden case showing its exact text (the
# command-line ones, about files that cannot be read or written, are shown
# by tests/cli.sh, and so is E0004, which only a conversion gives; the bulk OUTDIR lock's by tests/scale.sh; the expression
# ones by the data files of tests/expr/; the rule engine's by tests/rules/,
# whose .stderr files tests/unit/test_rules.c checks;
# the pipeline YAML ones by tests/validate/; the report's by tests/report/;
# the LLM fallback's by tests/llm/cases/, which tests/llm.sh checks).
"$AKKO_BIN" help diagnostics | sed -n 's/^| \([EWN][0-9][0-9]*\) .*/\1/p' | while read -r code; do
	case $code in E0001 | E0004 | E0006 | E0007 | E0401) continue ;; esac
	if cat "$AKKO_SRCDIR"/corpus/*/*.stderr "$AKKO_SRCDIR"/tests/expr/cases/*.txt \
		"$AKKO_SRCDIR"/tests/expr/jobs/*.stderr "$AKKO_SRCDIR"/tests/rules/*.stderr \
		"$AKKO_SRCDIR"/tests/validate/*/*.stderr "$AKKO_SRCDIR"/tests/report/*.stderr \
		"$AKKO_SRCDIR"/tests/llm/cases/*.stderr 2>/dev/null |
		grep -q "\[$code\]"; then
		pass "diagnostic $code has a golden case"
	else
		fail "diagnostic $code has a golden case"
	fi
done
echo "# suite done"

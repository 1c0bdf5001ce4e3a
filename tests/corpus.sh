#!/bin/sh
# corpus.sh - the real-corpus check.  When ../shared/corpus is present:
# every PowerCenter export there is read with no error, and its object
# counts (akko-migrate inspect --stats) equal the counts xmllint's XPath
# takes from the XML (tests/corpus/count-powercenter.sh), which must also
# equal the committed expectations in tests/corpus/powercenter-counts.tsv.
. "$(dirname "$0")/lib.sh"

fields="mappings mapplets transformations instances connectors sources targets sessions workflows worklets task_instances links shortcuts"
expect="$AKKO_SRCDIR/tests/corpus/powercenter-counts.tsv"

corpus=$(shared_corpus) || {
	skip "real PowerCenter corpus" "../shared/corpus is not beside the project"
	echo "# suite done"
	exit 0
}
dir="$corpus/powercenter"
have_xmllint=1
command -v xmllint >/dev/null 2>&1 || have_xmllint=0
[ $have_xmllint = 1 ] || skip "independent xmllint counts" "xmllint is not installed (apt-get install libxml2-utils)"

tab=$(printf '\t')
n=0
for file in "$dir"/*; do
	[ -f "$file" ] || continue
	case "$file" in */MANIFEST.tsv) continue ;; esac
	base=$(basename "$file")
	n=$((n + 1))
	err="$TESTS_OUT/corpus-$n.err"
	stats=$("$AKKO_BIN" inspect --stats "$file" 2>"$err")
	rc=$?
	# A deliberately odd file (look-alike, empty, broken XML) is not an
	# export: the right result is a clear, coded error and exit 1.
	if [ $have_xmllint = 1 ] && [ "$(xmllint --nonet --xpath 'count(/POWERMART)' "$file" 2>/dev/null)" != 1 ]; then
		if [ $rc -eq 1 ] && grep -q ': error: .*\[E0[0-9]*\]' "$err"; then
			pass "corpus $base (not a POWERMART export) is rejected with a coded error"
		else
			fail "corpus $base (not a POWERMART export) is rejected with a coded error (exit $rc)"
			show "$err" 8
		fi
		continue
	fi
	if [ $rc -ne 0 ] || grep -q ': error:' "$err"; then
		fail "corpus $base is read without error (exit $rc)"
		show "$err" 12
		continue
	fi
	got=$(printf '%s\n' "$stats" | awk -F': ' -v f="$fields" '
		BEGIN { n = split(f, k, " ") }
		{ v[$1] = $2 }
		END { for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? "\t" : ""), v[k[i]]; print "" }')
	want=$(awk -F"$tab" -v b="$base" '$1 == b { sub(/^[^\t]*\t/, ""); print; exit }' "$expect")
	if [ $have_xmllint = 1 ]; then
		live=$(sh "$AKKO_SRCDIR/tests/corpus/count-powercenter.sh" "$file" | tail -n 1 | cut -f2-)
		if [ -n "$want" ] && [ "$live" != "$want" ]; then
			fail "corpus $base: committed expectations equal xmllint's counts"
			echo "#   committed: $want"
			echo "#   xmllint:   $live"
		fi
		[ -n "$want" ] || want=$live
	fi
	if [ -z "$want" ]; then
		fail "corpus $base has expected counts (add it to tests/corpus/powercenter-counts.tsv)"
	elif [ "$got" = "$want" ]; then
		pass "corpus $base counts equal the independent counts"
	else
		fail "corpus $base counts equal the independent counts"
		echo "#   fields:   $fields"
		echo "#   expected: $want"
		echo "#   got:      $got"
	fi
done
[ $n -gt 0 ] || fail "the PowerCenter corpus at $dir holds files"
echo "# suite done"

#!/bin/sh
# bench-expr.sh - expressions translated per second over the PowerCenter
# corpus, whole-process timings in the same run as the baselines.
#
#   tests/bench/bench-expr.sh [CORPUS_DIR] [RUNS]     (or: make bench)
#
# Each run times, as whole processes over all exports of the corpus:
#   xmllint   xmllint --noout --nonet FILES            parse only: the baseline
#   stats     akko-migrate inspect --stats FILES       read the exports into the AST
#   expr      akko-migrate expr --file --quiet FILES   the same, then parse, check
#                                                      and print SQL for every
#                                                      expression (JSON Lines to
#                                                      /dev/null)
# The order rotates between runs; it prints every run and the medians, then
# expressions per second two ways: over the whole `expr` process, and over
# the translation alone (expr minus stats, the cost of reading the XML).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${AKKO_BIN:=$root/akko-migrate}"
corpus=${1:-$root/../shared/corpus/powercenter}
runs=${2:-7}
[ -d "$corpus" ] || { echo "bench: no corpus at $corpus" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "bench: xmllint not installed (apt-get install libxml2-utils)" >&2; exit 2; }
[ -x "$AKKO_BIN" ] || { echo "bench: $AKKO_BIN not built" >&2; exit 2; }

files=$(grep -l '<POWERMART' "$corpus"/*.XML "$corpus"/*.xml 2>/dev/null | LC_ALL=C sort)
nfiles=$(echo "$files" | wc -l | tr -d ' ')
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# shellcheck disable=SC2086
"$AKKO_BIN" expr --file --format json --quiet $files >"$out/exprs.jsonl" 2>"$out/summary"
nexpr=$(wc -l <"$out/exprs.jsonl" | tr -d ' ')

. "$here/lib.sh"
# shellcheck disable=SC2086
run_xmllint() { xmllint --noout --nonet $files; }
# shellcheck disable=SC2086
run_stats() { "$AKKO_BIN" inspect --stats $files; }
# shellcheck disable=SC2086
run_expr() { "$AKKO_BIN" expr --file --format json --quiet $files; }

echo "akko-migrate expr: $nexpr expressions in $nfiles exports, $runs runs"
echo "corpus: $corpus"
sed 's/^/translator: /' "$out/summary"
run_xmllint >/dev/null 2>&1; run_stats >/dev/null 2>&1; run_expr >/dev/null 2>&1
: >"$out/x"; : >"$out/s"; : >"$out/e"
i=0
while [ $i -lt "$runs" ]; do
	case $((i % 3)) in
	0) order="x s e" ;;
	1) order="s e x" ;;
	*) order="e x s" ;;
	esac
	line="run $((i + 1)):"
	for k in $order; do
		case $k in
		x) ms=$(time_ms run_xmllint); echo "$ms" >>"$out/x"; line="$line xmllint=${ms}ms" ;;
		s) ms=$(time_ms run_stats); echo "$ms" >>"$out/s"; line="$line stats=${ms}ms" ;;
		e) ms=$(time_ms run_expr); echo "$ms" >>"$out/e"; line="$line expr=${ms}ms" ;;
		esac
	done
	echo "$line"
	i=$((i + 1))
done
mx=$(median "$out/x"); ms=$(median "$out/s"); me=$(median "$out/e")
echo "median: xmllint=${mx}ms stats=${ms}ms expr=${me}ms"
awk -v n="$nexpr" -v x="$mx" -v s="$ms" -v e="$me" 'BEGIN {
	printf "ratio to xmllint: stats=%.2f expr=%.2f\n", s / x, e / x
	printf "expressions per second, whole process: %.0f\n", n / (e / 1000)
	if (e > s)
		printf "expressions per second, translation alone (expr - stats): %.0f\n", n / ((e - s) / 1000)
}'

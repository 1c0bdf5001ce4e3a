#!/bin/sh
# bench-inspect.sh - whole-process timing of `akko-migrate inspect` against
# `xmllint --noout` on the same PowerCenter exports.
#
#   tests/bench/bench-inspect.sh [CORPUS_DIR] [RUNS]     (or: make bench)
#
# Each run times, as whole processes over all files of the corpus:
#   xmllint   xmllint --noout --nonet FILES        parse only: the baseline
#   stats     akko-migrate inspect --stats FILES   parse + build the AST + counts
#   dump      akko-migrate inspect FILES           parse + AST + the full dump
#                                                  (stdout to /dev/null)
#   files     akko-migrate inspect -o DIR FILES    the same, each dump written
#                                                  atomically to its own file
# The order rotates between runs.  It prints every run, the median of each,
# and the ratios to xmllint; it exits 1 when `dump` (inspect doing all its
# work, printing the AST) takes more than BUDGET (default 2.0) times
# xmllint's median.  `files` adds the file system's cost of writing about as
# many bytes as were read; it is reported, not budgeted.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${AKKO_BIN:=$root/akko-migrate}"
corpus=${1:-$root/../shared/corpus/powercenter}
runs=${2:-7}
budget=${BUDGET:-2.0}
[ -d "$corpus" ] || { echo "bench: no corpus at $corpus" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "bench: xmllint not installed (apt-get install libxml2-utils)" >&2; exit 2; }
[ -x "$AKKO_BIN" ] || { echo "bench: $AKKO_BIN not built" >&2; exit 2; }

files=$(find "$corpus" -maxdepth 1 -type f \( -name '*.XML' -o -name '*.xml' \) | LC_ALL=C sort)
nfiles=$(echo "$files" | wc -l | tr -d ' ')
bytes=$(cat $files | wc -c | tr -d ' ')
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

. "$here/lib.sh"
run_xmllint() { xmllint --noout --nonet $files; }
run_stats() { "$AKKO_BIN" inspect --stats $files; }
run_dump() { "$AKKO_BIN" inspect $files; }
run_files() { rm -rf "$out/d" && mkdir "$out/d" && "$AKKO_BIN" inspect -o "$out/d" $files; }

echo "akko-migrate inspect vs xmllint --noout: $nfiles files, $bytes bytes, $runs runs"
echo "corpus: $corpus"
# One warm-up of each so the page cache holds the files for everyone.
run_xmllint >/dev/null 2>&1; run_stats >/dev/null 2>&1; run_dump >/dev/null 2>&1; run_files >/dev/null 2>&1
: >"$out/x"; : >"$out/s"; : >"$out/d.t"; : >"$out/f.t"
i=0
while [ $i -lt "$runs" ]; do
	case $((i % 4)) in
	0) order="x s d f" ;;
	1) order="s d f x" ;;
	2) order="d f x s" ;;
	*) order="f x s d" ;;
	esac
	line="run $((i + 1)):"
	for k in $order; do
		case $k in
		x) ms=$(time_ms run_xmllint); echo "$ms" >>"$out/x"; line="$line xmllint=${ms}ms" ;;
		s) ms=$(time_ms run_stats); echo "$ms" >>"$out/s"; line="$line stats=${ms}ms" ;;
		d) ms=$(time_ms run_dump); echo "$ms" >>"$out/d.t"; line="$line dump=${ms}ms" ;;
		f) ms=$(time_ms run_files); echo "$ms" >>"$out/f.t"; line="$line files=${ms}ms" ;;
		esac
	done
	echo "$line"
	i=$((i + 1))
done
mx=$(median "$out/x"); ms=$(median "$out/s"); md=$(median "$out/d.t"); mf=$(median "$out/f.t")
echo "median: xmllint=${mx}ms stats=${ms}ms dump=${md}ms files=${mf}ms"
awk -v x="$mx" -v s="$ms" -v d="$md" -v f="$mf" -v b="$budget" 'BEGIN {
	printf "ratio to xmllint: stats=%.2f dump=%.2f files=%.2f (budget for dump: %.1f)\n", s / x, d / x, f / x, b
	if (d / x > b) { print "FAIL: inspect is over budget"; exit 1 }
	print "PASS: inspect is within budget"
}'

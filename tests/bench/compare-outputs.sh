#!/bin/sh
# compare-outputs.sh - convert a corpus with two builds and compare every
# output byte for byte (issue "Speed and memory": output unchanged).
#
#   tests/bench/compare-outputs.sh OLD_BIN NEW_BIN [CORPUS_DIR]
#
# Both builds convert CORPUS_DIR (default ../shared/corpus, every tool) with
# --force -j2 into their own tree; the trees must be identical, and so must
# results.jsonl once each line's elapsed_ms (a timing) and the output
# directory are dropped and its lines sorted (-j2 appends them as files
# finish).  The
# manifest (stat times, timings) is left out.  Exits 0
# when identical, 1 with the differing files listed, 2 on a usage error.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 OLD_BIN NEW_BIN [CORPUS_DIR]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
old=$1 new=$2
corpus=${3:-$here/../../../shared/corpus}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for which in old new; do
	eval bin=\$$which
	"$bin" --force -j2 "$corpus" -o "$out/$which/" >/dev/null 2>&1 || [ $? -le 4 ]
	sed -e 's/"elapsed_ms":[0-9]*,//' -e "s|$out/$which/||g" "$out/$which/results.jsonl" | LC_ALL=C sort >"$out/$which.jsonl"
	# The manifest holds stat times and timings; its lock file is empty.
	rm -f "$out/$which/results.jsonl" "$out/$which/.akko-manifest" "$out/$which/.akko-lock"
done
rc=0
diff -rq "$out/old" "$out/new" >"$out/diff" || rc=1
cmp -s "$out/old.jsonl" "$out/new.jsonl" || { echo "results.jsonl differs" >>"$out/diff"; rc=1; }
n=$(find "$out/new" -type f | wc -l | tr -d ' ')
if [ $rc = 0 ]; then
	echo "compare-outputs: $n files identical"
else
	head -50 "$out/diff"
	echo "compare-outputs: outputs DIFFER"
fi
exit $rc

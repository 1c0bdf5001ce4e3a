#!/bin/sh
# bench-supervisor.sh - the bulk supervisor's peak memory over an estate of
# COPIES copies of a corpus (default 100: about 10,000 PowerCenter files)
# against a run over 1 copy (issue "Speed and memory": within 10%).
#
#   tests/bench/bench-supervisor.sh [CORPUS_DIR] [COPIES]   (make bench-supervisor)
#
# The copies are hard links where the file system allows (cp -l), so the
# tree costs no space.  Each run is a cold -j2 conversion into an empty
# OUTDIR with AKKO_BULK_STATS=1, which prints the peak RSS of the supervisor
# and of the largest worker.  Prints both runs' figures, the ratio and
# PASS or FAIL against the target (<= 1.10), with `uptime`'s load (the runs
# are timed on a shared machine); exits 1 when ENFORCE=1 and the ratio is
# above 1.10, 2 when a run fails.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${AKKO_BIN:=$root/akko-migrate}"
corpus=${1:-$root/../shared/corpus/powercenter}
copies=${2:-100}
[ -d "$corpus" ] || { echo "bench: no corpus at $corpus" >&2; exit 2; }
[ -x "$AKKO_BIN" ] || { echo "bench: $AKKO_BIN not built" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make_tree() { # make_tree DIR N
	i=1
	while [ "$i" -le "$2" ]; do
		mkdir -p "$1/copy$i"
		for f in "$corpus"/*.XML "$corpus"/*.xml; do
			[ -f "$f" ] || continue
			cp -l "$f" "$1/copy$i/" 2>/dev/null || cp "$f" "$1/copy$i/"
		done
		i=$((i + 1))
	done
}
peak() { # peak TREE OUT -> "supervisor_kb worker_kb"
	AKKO_BULK_STATS=1 "$AKKO_BIN" convert -q -j2 "$1" -o "$2" 2>&1 >/dev/null |
		sed -n 's/^peak RSS: supervisor \([0-9]*\) KB, largest worker \([0-9]*\) KB$/\1 \2/p'
}
make_tree "$tmp/t1" 1
make_tree "$tmp/tn" "$copies"
n1=$(find "$tmp/t1" -type f | wc -l | tr -d ' ')
nn=$(find "$tmp/tn" -type f | wc -l | tr -d ' ')
p1=$(peak "$tmp/t1" "$tmp/o1")
pn=$(peak "$tmp/tn" "$tmp/on")
[ -n "$p1" ] && [ -n "$pn" ] || { echo "bench: no AKKO_BULK_STATS line" >&2; exit 2; }
set -- $p1 $pn
echo "supervisor peak RSS: $n1 files ${1} KB, $nn files ${3} KB; largest worker ${2} KB / ${4} KB"
r=$(awk -v a="$1" -v b="$3" 'BEGIN { printf "%.2f", b / a }')
ok=$(awk -v r="$r" 'BEGIN { print (r <= 1.10) ? "PASS" : "FAIL" }')
per=$(awk -v a="$1" -v b="$3" -v n1="$n1" -v nn="$nn" 'BEGIN { printf "%.0f", (b - a) * 1024 / (nn - n1) }')
echo "supervisor peak RSS ratio, $nn / $n1 files: ${r}x (target <= 1.10): $ok; ${per} bytes per added file"
echo "load: $(uptime | sed 's/.*load average: //')"
[ "${ENFORCE:-0}" = 1 ] && [ "$ok" != PASS ] && exit 1
exit 0

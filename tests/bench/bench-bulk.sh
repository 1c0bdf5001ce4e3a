#!/bin/sh
# bench-bulk.sh - whole-process timings of bulk conversion (docs/bulk.md)
# against `xmllint --noout` on the same files.
#
#   tests/bench/bench-bulk.sh [CORPUS_DIR] [RUNS]     (or: make bench-bulk)
#
# The job files of CORPUS_DIR (*.XML, *.xml) are copied COPIES times
# (default 3) into a temporary tree, so that timings stay well above noise.
# Each run times, as whole processes over that tree:
#   xmllint  xmllint --noout --nonet FILES          parse only: the baseline
#   cold     convert -j2 TREE -o OUT, OUT empty      the first run
#   rerun    the same command again, nothing changed the incremental run
#   rehash   the same after touching every file     (reported only: the
#            manifest's stat check fails, so every file is hashed again)
#   j1       convert --force -j1 TREE -o OUT         one worker
#   j2       convert --force -j2 TREE -o OUT         two workers
# The order rotates between runs.  Then one cold run over 1 copy and one over
# 10 copies report the peak resident memory of the supervisor and of the
# largest worker (AKKO_BULK_STATS).  It prints every run, the medians, and
# exits 1 unless: rerun is at least 20x faster than cold; j2 at least 1.7x
# faster than j1 (on 2 cores or more); and the 10-copy peaks stay within
# 1.25x + 4 MB of the 1-copy peaks.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${AKKO_BIN:=$root/akko-migrate}"
corpus=${1:-$root/../shared/corpus/powercenter}
runs=${2:-5}
copies=${COPIES:-3}
[ -d "$corpus" ] || { echo "bench: no corpus at $corpus" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "bench: xmllint not installed (apt-get install libxml2-utils)" >&2; exit 2; }
[ -x "$AKKO_BIN" ] || { echo "bench: $AKKO_BIN not built" >&2; exit 2; }
. "$here/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# make_tree DIR N: N copies of the corpus's job files, one subdirectory each
make_tree() {
	i=1
	while [ $i -le "$2" ]; do
		mkdir -p "$1/copy$i"
		find "$corpus" -maxdepth 1 -type f \( -name '*.XML' -o -name '*.xml' \) -exec cp {} "$1/copy$i/" \;
		i=$((i + 1))
	done
}
make_tree "$tmp/tree" "$copies"
make_tree "$tmp/tree1" 1
make_tree "$tmp/tree10" 10
# files older than the manifest's racy window (docs/bulk.md), as in a real estate
sleep 1
files=$(find "$tmp/tree" -type f | LC_ALL=C sort)
nfiles=$(echo "$files" | wc -l | tr -d ' ')
bytes=$(cat $files | wc -c | tr -d ' ')
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)

run_xmllint() { xmllint --noout --nonet $files; }
run_cold() { "$AKKO_BIN" convert -q -j2 "$tmp/tree" -o "$tmp/cold"; }
run_rerun() { "$AKKO_BIN" convert -q -j2 "$tmp/tree" -o "$tmp/warm"; }
run_rehash() { "$AKKO_BIN" convert -q -j2 "$tmp/tree" -o "$tmp/warm"; }
run_j1() { "$AKKO_BIN" convert -q --force -j1 "$tmp/tree" -o "$tmp/force1"; }
run_j2() { "$AKKO_BIN" convert -q --force -j2 "$tmp/tree" -o "$tmp/force2"; }
# the exit status of a conversion is 0 or 1 (corpus files with errors are fine)
ok01() { "$@" || [ $? -eq 1 ]; }

echo "bulk conversion: $nfiles files ($copies copies of $corpus), $bytes bytes, $runs runs, $cores cores"
# the machine may be shared: its load with the figures
echo "load before: $(uptime | sed 's/.*load average: //')"
# warm-up: the page cache holds the files; warm/ holds a finished run
run_xmllint >/dev/null 2>&1 || true
ok01 run_rerun >/dev/null 2>&1
: >"$tmp/x"; : >"$tmp/c"; : >"$tmp/r"; : >"$tmp/h"; : >"$tmp/1"; : >"$tmp/2"
t() { ms=$(time_ms ok01 "$@"); echo "$ms"; }
i=0
while [ $i -lt "$runs" ]; do
	case $((i % 5)) in
	0) order="x c r h 1 2" ;;
	1) order="c r h 1 2 x" ;;
	2) order="r h 1 2 x c" ;;
	3) order="h 1 2 x c r" ;;
	*) order="2 x c r h 1" ;;
	esac
	line="run $((i + 1)):"
	for k in $order; do
		case $k in
		x) ms=$(t run_xmllint); line="$line xmllint=${ms}ms" ;;
		c) rm -rf "$tmp/cold"; ms=$(t run_cold); line="$line cold=${ms}ms" ;;
		r) ms=$(t run_rerun); line="$line rerun=${ms}ms" ;;
		h) find "$tmp/tree" -type f -exec touch {} +; sleep 0.2
		   ms=$(t run_rehash); line="$line rehash=${ms}ms" ;;
		1) ms=$(t run_j1); line="$line j1=${ms}ms" ;;
		2) ms=$(t run_j2); line="$line j2=${ms}ms" ;;
		esac
		echo "$ms" >>"$tmp/$k"
	done
	echo "$line"
	i=$((i + 1))
done
mx=$(median "$tmp/x"); mc=$(median "$tmp/c"); mr=$(median "$tmp/r"); mh=$(median "$tmp/h"); m1=$(median "$tmp/1"); m2=$(median "$tmp/2")

# peak memory: cold runs over 1 and 10 copies
peak() { # peak TREE -> "supervisor_kb worker_kb"
	rm -rf "$tmp/mem"
	AKKO_BULK_STATS=1 "$AKKO_BIN" convert -q -j2 "$1" -o "$tmp/mem" 2>&1 >/dev/null |
		sed -n 's/^peak RSS: supervisor \([0-9]*\) KB, largest worker \([0-9]*\) KB$/\1 \2/p'
}
echo "load after the timed runs: $(uptime | sed 's/.*load average: //')"
p1=$(peak "$tmp/tree1"); p10=$(peak "$tmp/tree10")
n1=$(find "$tmp/tree1" -type f | wc -l | tr -d ' '); n10=$(find "$tmp/tree10" -type f | wc -l | tr -d ' ')

awk -v x="$mx" -v c="$mc" -v r="$mr" -v h="$mh" -v j1="$m1" -v j2="$m2" -v cores="$cores" \
	-v p1="$p1" -v p10="$p10" -v n1="$n1" -v n10="$n10" 'BEGIN {
	split(p1, a, " "); split(p10, b, " ")
	printf "\n| measure | median |\n|---|---:|\n"
	printf "| xmllint --noout (baseline) | %d ms |\n", x
	printf "| cold run, -j2, empty OUTDIR | %d ms |\n", c
	printf "| re-run, nothing changed | %d ms |\n", r
	printf "| re-run, every file touched (all hashed again) | %d ms |\n", h
	printf "| --force -j1 | %d ms |\n", j1
	printf "| --force -j2 | %d ms |\n", j2
	printf "| peak RSS, supervisor, %d files / %d files | %d KB / %d KB |\n", n1, n10, a[1], b[1]
	printf "| peak RSS, largest worker, %d files / %d files | %d KB / %d KB |\n", n1, n10, a[2], b[2]
	printf "\ncold / xmllint: %.2f\n", c / x
	fail = 0
	rr = c / (r > 0 ? r : 1)
	printf "re-run speed-up: %.1fx (need >= 20): %s\n", rr, (rr >= 20 ? "PASS" : "FAIL"); fail += (rr < 20)
	printf "re-run with every file hashed: %.1fx faster than cold (reported)\n", c / (h > 0 ? h : 1)
	sp = j1 / j2
	if (cores >= 2) { printf "-j2 speed-up: %.2fx (need >= 1.7): %s\n", sp, (sp >= 1.7 ? "PASS" : "FAIL"); fail += (sp < 1.7) }
	else printf "-j2 speed-up: %.2fx (one core: not checked)\n", sp
	ms = (b[1] <= 1.25 * a[1] + 4096); mw = (b[2] <= 1.25 * a[2] + 4096)
	printf "memory flat over 10x files: supervisor %s, worker %s\n", (ms ? "PASS" : "FAIL"), (mw ? "PASS" : "FAIL")
	fail += !ms + !mw
	if (a[1] == 0 || b[1] == 0) { print "FAIL: no memory figures"; fail++ }
	exit fail ? 1 : 0
}'

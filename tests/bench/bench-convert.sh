#!/bin/sh
# bench-convert.sh - whole-process timing of conversion against the XML parse
# floor, `xmllint --noout` on the same files (issue "Speed and memory").
#
#   tests/bench/bench-convert.sh [CORPUS_DIR] [RUNS]     (or: make bench)
#
# CORPUS_DIR holds one tool's job files (*.XML, *.xml, *.dtsx, Alteryx's
# *.yxmd, *.yxmc, *.yxwz: XML too); the default is ../shared/corpus/
# powercenter; `make bench` also runs it on ../shared/corpus/ssis and
# ../shared/corpus/alteryx when they are present.
#
# Each run times, as whole processes, the order rotating between runs:
#   xmllint   xmllint --noout --nonet FILES            the floor
#   j1        akko-migrate --force -j1 FILES -o DIR/   every file, one process
#   j2        the same with -j2
#   small     akko-migrate SMALL -o FILE               the corpus's smallest file
#             (one conversion; with --force it would be a bulk run into a
#             directory, which this measured before: see `smallbulk` below)
#   xsmall    xmllint --noout --nonet SMALL
# and prints every run, the medians, the ratios and the issue's targets
# (j1 <= 2.0 x xmllint, j2 at least 1.8 x faster than j1, small <= 2.0 x
# xsmall) as "met" or "NOT met".  Then: the small file as a one-file bulk
# run; the peak RSS of converting one file of each size class (the
# smallest, the median, the largest; GNU time's %M); and, for a PowerCenter
# corpus, the 94 MB export of gen-big-export.sh against xmllint (time and
# peak RSS, medians of BIG_RUNS runs, with the targets as "met" or "NOT
# met"; BIG=0 skips it).
# It exits 2 when a command fails, 1 when ENFORCE=1 and a target is not met,
# else 0: the targets are goals being worked towards, reported every time.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${AKKO_BIN:=$root/akko-migrate}"
corpus=${1:-$root/../shared/corpus/powercenter}
runs=${2:-5}
[ -d "$corpus" ] || { echo "bench: no corpus at $corpus" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "bench: xmllint not installed (apt-get install libxml2-utils)" >&2; exit 2; }
[ -x "$AKKO_BIN" ] || { echo "bench: $AKKO_BIN not built" >&2; exit 2; }

files=$(find "$corpus" -maxdepth 1 -type f \( -name '*.XML' -o -name '*.xml' -o -name '*.dtsx' \
	-o -name '*.yxmd' -o -name '*.yxmc' -o -name '*.yxwz' \) | LC_ALL=C sort)
nfiles=$(echo "$files" | wc -l | tr -d ' ')
bytes=$(cat $files | wc -c | tr -d ' ')
by_size=$(for f in $files; do printf '%s %s\n' "$(wc -c <"$f" | tr -d ' ')" "$f"; done | sort -n)
small=$(echo "$by_size" | head -1 | cut -d' ' -f2-)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

. "$here/lib.sh"
# Conversion exits 4 when a file fails its gate and 1 when one has errors;
# both are results, not failures of the benchmark.
convert() { "$AKKO_BIN" "$@" || [ $? -le 4 ]; }
run_xmllint() { xmllint --noout --nonet $files; }
run_j1() { rm -rf "$out/j1" && convert --force -j1 $files -o "$out/j1/"; }
run_j2() { rm -rf "$out/j2" && convert --force -j2 $files -o "$out/j2/"; }
run_small() { convert "$small" -o "$out/small.yaml"; }
run_xsmall() { xmllint --noout --nonet "$small"; }

names="xmllint j1 j2 small xsmall"
echo "# bench-convert: $(basename "$corpus"): $nfiles files, $bytes bytes, $runs runs; small: $(basename "$small") ($(wc -c <"$small" | tr -d ' ') bytes)"
for n in $names; do : >"$out/$n.ms"; done
i=0
while [ $i -lt "$runs" ]; do
	order=$names
	k=0
	while [ $k -lt $i ]; do # rotate the order by the run number
		set -- $order
		first=$1
		shift
		order="$* $first"
		k=$((k + 1))
	done
	line="run $((i + 1)):"
	for n in $order; do
		ms=$(time_ms "run_$n")
		echo "$ms" >>"$out/$n.ms"
		line="$line $n=${ms}ms"
	done
	echo "$line"
	i=$((i + 1))
done
for n in $names; do eval "med_$n=$(median "$out/$n.ms")"; done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
verdict() { awk -v r="$1" -v t="$2" -v dir="$3" 'BEGIN { ok = (dir == "le") ? (r <= t) : (r >= t); print ok ? "met" : "NOT met" }'; }
r1=$(ratio "$med_j1" "$med_xmllint")
r12=$(ratio "$med_j1" "$med_j2")
rs=$(ratio "$med_small" "$med_xsmall")
echo "medians: xmllint=${med_xmllint}ms j1=${med_j1}ms j2=${med_j2}ms small=${med_small}ms xsmall=${med_xsmall}ms"
v1=$(verdict "$r1" 2.0 le) v12=$(verdict "$r12" 1.8 ge) vs=$(verdict "$rs" 2.0 le)
echo "j1 / xmllint:      ${r1}x   (target <= 2.0: $v1)"
echo "j1 / j2:           ${r12}x   (target >= 1.8: $v12)"
echo "small / xsmall:    ${rs}x   (target <= 2.0: $vs)"

# The same small file as a bulk run of one file (--force: a directory with
# its lock, manifest and results.jsonl), as this script timed it before.
: >"$out/smallbulk.ms"
i=0
while [ $i -lt "$runs" ]; do
	time_ms convert --force "$small" -o "$out/smallbulk/" >>"$out/smallbulk.ms"
	i=$((i + 1))
done
echo "small as a bulk run (--force -o DIR/): $(median "$out/smallbulk.ms")ms ($(ratio "$(median "$out/smallbulk.ms")" "$med_xsmall")x xsmall)"

# Peak RSS by size class: the smallest, the median and the largest file.
if /usr/bin/time -f %M true >/dev/null 2>&1; then
	n=$(echo "$by_size" | wc -l)
	for pick in 1 $(((n + 1) / 2)) "$n"; do
		f=$(echo "$by_size" | sed -n "${pick}p" | cut -d' ' -f2-)
		kb=$(/usr/bin/time -f %M "$AKKO_BIN" "$f" -o "$out/rss.yaml" 2>&1 >/dev/null | tail -1)
		echo "peak RSS: $(wc -c <"$f" | tr -d ' ') bytes -> ${kb} KB ($(basename "$f"))"
	done
else
	echo "peak RSS: SKIPPED (GNU time is not installed: apt-get install time)"
fi
# The large export: the largest file's FOLDER 40 times (gen-big-export.sh;
# 94 MB from the PowerCenter corpus): time and peak RSS against xmllint
# (which builds the whole tree too), each run timing both back to back so
# that the machine's load weighs on both alike; the medians of BIG_RUNS
# runs (default 5).  Targets: peak RSS <= 3x the file, time <= 2x xmllint.
# The load average is printed before and after: ratios measured under load
# (other builds running) are less reliable than on a quiet machine.  BIG=0
# skips it (it takes about a minute).
vbig=met
largest=$(echo "$by_size" | tail -1 | cut -d' ' -f2-)
if [ "${BIG:-1}" = 1 ] && grep -q '<POWERMART' "$largest" && /usr/bin/time -f %M true >/dev/null 2>&1; then
	sh "$here/gen-big-export.sh" "$largest" 40 >"$out/big.XML"
	big_bytes=$(wc -c <"$out/big.XML" | tr -d ' ')
	for f in bigx.ms bigc.ms bigx.kb bigc.kb; do : >"$out/$f"; done
	load0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
	i=0
	while [ $i -lt "${BIG_RUNS:-5}" ]; do
		/usr/bin/time -f '%e %M' -o "$out/bigx.t" xmllint --noout --nonet "$out/big.XML"
		/usr/bin/time -f '%e %M' -o "$out/bigc.t" "$AKKO_BIN" "$out/big.XML" -o "$out/big.yaml" 2>/dev/null ||
			[ $? -le 4 ]
		awk '{ printf "%d\n", $1 * 1000 }' "$out/bigx.t" >>"$out/bigx.ms"
		awk '{ printf "%d\n", $1 * 1000 }' "$out/bigc.t" >>"$out/bigc.ms"
		awk '{ print $2 }' "$out/bigx.t" >>"$out/bigx.kb"
		awk '{ print $2 }' "$out/bigc.t" >>"$out/bigc.kb"
		i=$((i + 1))
	done
	load1=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
	bx=$(median "$out/bigx.ms") bc=$(median "$out/bigc.ms")
	rx=$(median "$out/bigx.kb") rc_kb=$(median "$out/bigc.kb")
	rbig=$(ratio "$bc" "$bx")
	rrss=$(awk -v kb="$rc_kb" -v b="$big_bytes" 'BEGIN { printf "%.2f", kb * 1024 / b }')
	vbt=$(verdict "$rbig" 2.0 le) vbr=$(verdict "$rrss" 3.0 le)
	echo "large export: $big_bytes bytes (40 folders of $(basename "$largest")), ${BIG_RUNS:-5} runs, load $load0 -> $load1"
	echo "  runs (ms): xmllint $(tr '\n' ' ' <"$out/bigx.ms")| convert $(tr '\n' ' ' <"$out/bigc.ms")"
	echo "  xmllint ${bx}ms (peak RSS ${rx} KB), convert ${bc}ms (peak RSS ${rc_kb} KB), medians"
	echo "  time / xmllint:    ${rbig}x   (target <= 2.0: $vbt)"
	echo "  peak RSS / file:   ${rrss}x   (target <= 3.0: $vbr)"
	[ "$vbt" = met ] && [ "$vbr" = met ] || vbig="NOT met"
else
	echo "large export: SKIPPED (BIG=0, GNU time missing, or no PowerCenter export in the corpus)"
fi
if [ "${ENFORCE:-0}" = 1 ]; then
	[ "$v1" = met ] && [ "$v12" = met ] && [ "$vs" = met ] && [ "$vbig" = met ] || exit 1
fi
exit 0

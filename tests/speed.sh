#!/bin/sh
# speed.sh - work that must stay linear in the size of its input (issue
# "Speed and memory"): a mapping of thousands of ports (tests/bench/gen-wide-
# mapping.sh) converts in CPU time proportional to its ports.  CPU time (the
# child's user + system time), not wall time, so that a loaded machine does
# not decide; ratios, not absolute times, so that a sanitizer build does not.
. "$(dirname "$0")/lib.sh"
cd "$TESTS_OUT" || exit 1
rm -rf speed && mkdir speed && cd speed || exit 1

gen="$AKKO_SRCDIR/tests/bench/gen-wide-mapping.sh"
sh "$gen" 1000 >wide1000.XML && sh "$gen" 4000 >wide4000.XML
check "the wide-mapping generator gives the same file twice" sh -c "sh '$gen' 1000 | cmp -s - wide1000.XML"

# cpu FILE OUT: the CPU seconds of converting FILE (best of 2 runs), or "fail RC"
cpu() {
	python3 - "$AKKO_BIN" "$1" "$2" <<'PY'
import resource, subprocess, sys
best = None
for _ in range(2):
    t0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run([sys.argv[1], sys.argv[2], "-o", sys.argv[3]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode not in (0, 4):
        print("fail", r.returncode)
        sys.exit(0)
    t = (t1.ru_utime - t0.ru_utime) + (t1.ru_stime - t0.ru_stime)
    best = t if best is None else min(best, t)
print("%.3f" % best)
PY
}
t1=$(cpu wide1000.XML wide1000.yaml)
t4=$(cpu wide4000.XML wide4000.yaml)
case "$t1 $t4" in
*fail*) fail "the wide mappings convert (1000 ports: $t1, 4000 ports: $t4)" ;;
*)
	pass "the wide mappings convert (1000 ports: ${t1}s, 4000 ports: ${t4}s CPU)"
	# 4 times the ports: about 4 times the work when every walk is linear;
	# a walk over ports per port (quadratic) made it 8.5 times (measured
	# before the port and column indexes), and grows with the width.
	ratio=$(awk -v a="$t4" -v b="$t1" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 99 }')
	check "4x the ports costs at most 6x the CPU time (got ${ratio}x)" \
		awk -v r="$ratio" 'BEGIN { exit !(r <= 6.0) }'
	;;
esac
# every port reaches the target: 2 columns per source column, and SQL for each
n=$(grep -c '_x' wide4000.yaml 2>/dev/null || echo 0)
check "the 4000-port mapping's output names every derived column (got $n lines)" test "$n" -ge 4000
echo "# suite done"

# lib.sh - timing helpers shared by the benchmark scripts (sourced).
#   time_ms CMD...   run CMD (output discarded), print its wall time in ms;
#                    exit 2 when it fails
#   median FILE      the median of the numbers in FILE, one per line
now_ns() { date +%s%N; }
time_ms() {
	t0=$(now_ns)
	"$@" >/dev/null 2>&1 || { echo "bench: command failed: $*" >&2; exit 2; }
	t1=$(now_ns)
	echo $(((t1 - t0) / 1000000))
}
median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

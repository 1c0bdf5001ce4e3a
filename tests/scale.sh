#!/bin/sh
# scale.sh - estates across machines (docs/scale.md, docs/bulk.md): a
# scheduler's index given to --shard one off or unset is a usage error that
# says so; bulk runs into one OUTDIR at once are refused (E0007, exit 5),
# never losing a manifest line.  Over a copy of the project's own
# corpus/powercenter exports.
. "$(dirname "$0")/lib.sh"
cd "$TESTS_OUT" || exit 1
rm -rf scale && mkdir scale && cd scale || exit 1
pc="$AKKO_SRCDIR/corpus/powercenter"
mkdir exports && cp "$pc"/*.XML exports/ || exit 1
nfiles=$(ls exports | wc -l | tr -d ' ')

lines() { wc -l <"$1" | tr -d ' '; }
# valid_results FILE N: N lines, each a result object, each file once
valid_results() {
	python3 - "$1" "$2" <<'EOF'
import json, sys
rels = [json.loads(l)["rel"] for l in open(sys.argv[1])]
sys.exit(0 if len(rels) == len(set(rels)) == int(sys.argv[2]) else 1)
EOF
}
# wait_locked OUT: until a run holds OUT (it writes who it is into the lock)
wait_locked() {
	i=0
	while [ ! -s "$1/.akko-lock" ] && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	test -s "$1/.akko-lock"
}

# A scheduler's index one off, or unset: a usage error that says so.
for arg in 0/4 5/4 /4; do
	"$AKKO_BIN" convert --shard $arg exports/ -o x 2>usage.err
	rc=$?
	if [ $rc = 2 ] && grep -q "^akko-migrate: error: --shard needs K/N with 1 <= K <= N, not '$arg'$" usage.err &&
		grep -q "^  hint: .*\(shards count from 1\|is the variable that gives it set here\)" usage.err; then
		pass "--shard $arg: exit 2, with a hint about the index"
	else
		fail "--shard $arg: exit 2 (got $rc), with a hint about the index"
		show usage.err
	fi
done
check "and nothing was written" test ! -e x

# ---- several runs into one OUTDIR at once -----------------------------------
# Before the lock, 4 shards started together into one OUTDIR kept 16 to 18
# of the 66 manifest lines (each shard rewrote the manifest with what it had
# seen), and two whole runs interleaved their bytes in results.jsonl.  Now
# each run either runs alone or is refused before it changes anything.
# (Slow workers keep each run going for a second or more.)
export AKKO_TEST_WORKER_FAULT=slow:m_mapplets.XML,slow:enc_latin1
for k in 1 2 3 4; do
	("$AKKO_BIN" convert -q -j2 --shard $k/4 exports -o shared 2>shard$k.err
		echo $? >shard$k.rc) &
done
wait
done_lines=0 ran=0 ok=1
for k in 1 2 3 4; do
	rc=$(cat shard$k.rc)
	if [ "$rc" = 5 ]; then
		grep -q "^shared: error: the output directory is in use by another akko-migrate run (.*, holding 'shared/.akko-lock'); this run changed nothing \[E0007\]$" shard$k.err || ok=0
		test ! -e shared/results.shard-$k-of-4.jsonl || ok=0
	else
		ran=$((ran + 1))
		done_lines=$((done_lines + $(lines shared/results.shard-$k-of-4.jsonl)))
	fi
done
check "4 shards at once into one OUTDIR: each runs or is refused clearly ($ran ran)" test $ok = 1 -a $ran -ge 1
check "no manifest line is lost ($(lines shared/.akko-manifest) for $done_lines results)" \
	test "$(lines shared/.akko-manifest)" = $done_lines
for k in 1 2 3 4; do
	"$AKKO_BIN" convert -q -j2 --shard $k/4 exports -o shared 2>/dev/null
done
check "run one after another, the shards fill the manifest ($nfiles lines)" \
	test "$(lines shared/.akko-manifest)" = "$nfiles"

# Two whole runs at once: results.jsonl is one run's, whole.
for r in 1 2; do
	("$AKKO_BIN" convert -q -j2 exports -o same 2>same$r.err
		echo $? >same$r.rc) &
done
wait
check "two whole runs at once: one is refused (exit $(cat same1.rc) and $(cat same2.rc))" \
	test "$(cat same1.rc)$(cat same2.rc)" = 15 -o "$(cat same1.rc)$(cat same2.rc)" = 51
check "results.jsonl has one whole line per file" valid_results same/results.jsonl "$nfiles"
check "so does the manifest" test "$(lines same/.akko-manifest)" = "$nfiles"

# The refusal, step by step: a run holds the directory, a second comes.
"$AKKO_BIN" convert -q -j1 --shard 1/2 exports -o held 2>held.err &
pid=$!
if wait_locked held; then
	"$AKKO_BIN" convert -q --shard 2/2 exports -o held >second.out 2>second.err
	rc=$?
	check "a second run into a held OUTDIR exits 5 (got $rc)" test $rc = 5
	if grep -q "^held: error: .* \[E0007\]$" second.err && grep -q "^  hint: bulk runs into one OUTDIR take turns" second.err; then
		pass "it says which directory, who holds it, and what to do"
	else
		fail "it says which directory, who holds it, and what to do"
		show second.err
	fi
	check "its pid is the holder's" grep -q "(pid $pid on " second.err
	check "and it wrote nothing" test ! -e held/results.shard-2-of-2.jsonl -a ! -s second.out
else
	fail "the first run takes the lock"
fi
wait $pid
check "the run that held it finished whole" valid_results held/results.shard-1-of-2.jsonl $(((nfiles + 1) / 2))
check "its manifest too" test "$(lines held/.akko-manifest)" = $(((nfiles + 1) / 2))
check "the lock file is empty after the run" test -e held/.akko-lock -a ! -s held/.akko-lock
unset AKKO_TEST_WORKER_FAULT
"$AKKO_BIN" convert -q --shard 2/2 exports -o held 2>/dev/null
check "after it, the second run goes ahead" test -s held/results.shard-2-of-2.jsonl -a "$(lines held/.akko-manifest)" = "$nfiles"
"$AKKO_BIN" convert -q exports -o held 2>/dev/null
check "and a whole run then reuses every file" test "$(grep -c '"reused":true ' held/results.jsonl)" = "$nfiles"

echo "# suite done"

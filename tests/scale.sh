#!/bin/sh
# scale.sh - estates across machines (docs/scale.md, docs/bulk.md): 4
# shards at once, each on its own copy of the tree into its own output tree,
# merged by `report`, give the whole run's report; a file's shard depends on
# its relative path, not on listing order or mount point; every recipe of
# docs/scale.md, run from the page's text; bulk runs into one OUTDIR at once
# are refused (E0007, exit 5), never losing a manifest line.  Over a copy of
# the project's own corpus/powercenter exports, in subdirectories.
. "$(dirname "$0")/lib.sh"
cd "$TESTS_OUT" || exit 1
rm -rf scale && mkdir scale && cd scale || exit 1
pc="$AKKO_SRCDIR/corpus/powercenter"
mkdir -p exports/mappings exports/workflows || exit 1
for f in "$pc"/*.XML; do
	case ${f##*/} in
	m_*) cp "$f" exports/mappings/ ;;
	wf_*) cp "$f" exports/workflows/ ;;
	*) cp "$f" exports/ ;;
	esac
done
nfiles=$(find exports -type f | wc -l | tr -d ' ')
mkdir bin && ln -s "$AKKO_BIN" bin/akko-migrate || exit 1
PATH="$PWD/bin:$PATH"
export PATH

# copy_tree DEST [-r]: a copy of exports/ at DEST, files created in sorted
# order or, with -r, in reverse (another listing order on many file systems)
copy_tree() {
	find exports -type f | sort ${2:-} | while IFS= read -r f; do
		mkdir -p "$1/${f%/*}" && cp "$f" "$1/$f"
	done
}
# same_report LABEL JSON N: JSON equals the whole run's report but for
# "inputs", which lists the N results files read (their paths and line
# counts must differ); every other key must be equal
same_report() {
	if python3 - "$2" whole/report.json "$3" >diff.txt <<'EOF'; then pass "$1"; else fail "$1"; show diff.txt; fi
import json, sys
got, want = (json.load(open(p)) for p in sys.argv[1:3])
inputs = got.pop("inputs")
want.pop("inputs")
if len(inputs) != int(sys.argv[3]) or sum(i["lines"] for i in inputs) != want["estate"]["files"]:
    sys.exit(print("inputs:", inputs))
for k in want:
    if got.get(k) != want[k]:
        print("differs:", k)
sys.exit(got != want)
EOF
}

# ---- the whole run, on one machine ---------------------------------------------
mkdir whole && copy_tree whole
(cd whole && akko-migrate convert -q exports/ -o out 2>/dev/null
	akko-migrate report -f json -o report.json out/ && akko-migrate report -f csv -o report.csv out/)
check "the whole run's report" test -s whole/report.json -a -s whole/report.csv

# ---- 4 shards at once, one machine and one tree each -------------------------
for k in 1 2 3 4; do
	mkdir m$k
	if [ $((k % 2)) = 0 ]; then copy_tree m$k -r; else copy_tree m$k; fi
	(cd m$k && akko-migrate convert -q -j1 --shard $k/4 exports/ -o out 2>err; echo $? >rc) &
done
wait
check "the 4 shards ran to their ends (exit $(cat m1/rc m2/rc m3/rc m4/rc | tr -d '\n'))" \
	test "$(cat m1/rc m2/rc m3/rc m4/rc | tr -d '\n')" = 1111
akko-migrate report -f json -o merged.json m1/out m2/out m3/out m4/out 2>merge.err
same_report "the 4 shard trees merged report what the whole run does" merged.json 4
check "merging them warns about nothing" test ! -s merge.err
akko-migrate report -f json m1/out m2/out m4/out >/dev/null 2>three.err
check "3 of the 4 trees: a warning names the missing shard" grep -q "^akko-migrate: warning: 3 of 4 shards read: missing shard 3 \[W0808\]$" three.err
akko-migrate report -f csv m1/out m2/out m3/out m4/out >merged.csv 2>/dev/null
check "the CSV file table is byte-identical" cmp -s merged.csv whole/report.csv

# A file's shard: its index among the sorted relative paths, modulo N.
rels() { python3 -c 'import json,sys; print("\n".join(sorted(json.loads(l)["rel"] for l in open(sys.argv[1]))))' "$1"; }
(cd exports && find . -type f | sed 's#^\./##' | LC_ALL=C sort) >all.txt
bad=0
for k in 1 2 3 4; do
	awk -v k=$k 'NR % 4 == k % 4' all.txt >want$k.txt
	rels m$k/out/results.shard-$k-of-4.jsonl >got$k.txt
	cmp -s want$k.txt got$k.txt || bad=1
done
check "shard K holds the files whose index in the sorted paths is K-1 mod 4" test $bad = 0
copy_tree other/mnt/data -r
# Listing orders: ext4 lists by a hash of the name, tmpfs by creation; so
# exports/ or its reversed copy lists its files unsorted.
if python3 -c 'import os,sys; sys.exit(all(os.listdir(d) == sorted(os.listdir(d)) for d in sys.argv[1:]))' \
	exports/mappings other/mnt/data/exports/mappings; then
	pass "a copy of the tree lists its files in an order that is not sorted"
else
	skip "a copy of the tree lists its files in an order that is not sorted" "both list them sorted here"
fi
bad=0
for k in 1 2 3 4; do
	akko-migrate convert -q --shard $k/4 "$PWD/other/mnt/data/exports" -o other/out$k 2>/dev/null
	rels other/out$k/results.shard-$k-of-4.jsonl | cmp -s - got$k.txt || bad=1
done
check "another listing order and another mount point: the same shards" test $bad = 0

# ---- the recipes of docs/scale.md ----------------------------------------------
mkdir recipes
if python3 "$AKKO_SRCDIR/tests/scale/recipes.py" "$AKKO_SRCDIR/docs/scale.md" recipes >recipes.err; then
	pass "docs/scale.md's recipes are what their schedulers need"
else
	fail "docs/scale.md's recipes are what their schedulers need"
	show recipes.err
fi
S="$PWD/recipes"

# Kubernetes and Slurm (an array from 1, and one from 0): the shards share
# one volume (one tree of exports), each index a process of its own, all at
# once.
for r in kubernetes slurm slurm0; do
	. "$S/$r.env"
	mkdir $r && copy_tree $r
	for i in $INDEXES; do
		if [ $r = kubernetes ]; then
			(cd $r && JOB_COMPLETION_INDEX=$i sh -c "$(cat "$S/kubernetes.convert.sh")" >/dev/null 2>&1
				echo $? >rc.$i) &
		else
			(cd $r && SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=$SHARDS SLURM_CPUS_PER_TASK=$CPUS \
				sh "$S/$r.convert.sh" >/dev/null 2>&1
				echo $? >rc.$i) &
		fi
	done
	wait
	ok=1
	for i in $INDEXES; do [ "$(cat $r/rc.$i)" = 0 ] || ok=0; done
	check "$r: $SHARDS shards at once, each exits 0" test $ok = 1
	(cd $r && sh -e "$S/$r.report.sh" 2>report.err)
	same_report "$r: the merged report is the whole run's" $r/report.json "$SHARDS"
	check "$r: and the Markdown report is written" test -s $r/report.md
done

# GitHub Actions and GitLab CI: a machine (a checkout) per shard; the trees
# travel as artifacts to the report job.
for r in github gitlab; do
	. "$S/$r.env"
	mkdir -p $r/report
	for i in $INDEXES; do mkdir -p $r/$i && copy_tree $r/$i; done
	for i in $INDEXES; do
		if [ $r = github ]; then
			(cd $r/$i && sh -e "$S/github.convert.sh.$i" >/dev/null 2>&1; echo $? >rc) &
		else
			(cd $r/$i && CI_NODE_INDEX=$i CI_NODE_TOTAL=$SHARDS sh -e "$S/gitlab.convert.sh" >/dev/null 2>&1
				echo $? >rc) &
		fi
	done
	wait
	ok=1
	for i in $INDEXES; do
		[ "$(cat $r/$i/rc)" = 0 ] || ok=0
		if [ $r = github ]; then # shards/K/ uploaded as shard-K; shard-* downloaded into shards/
			mkdir -p $r/report/shards/shard-$i && cp -R $r/$i/shards/$i/. $r/report/shards/shard-$i/
		else # artifacts: every job's shards/, into the report job's checkout
			cp -R $r/$i/shards $r/report/
		fi
	done
	check "$r: $SHARDS jobs at once, each exits 0" test $ok = 1
	(cd $r/report && sh -e "$S/$r.report.sh" 2>report.err)
	same_report "$r: the merged report is the whole run's" $r/report/report.json "$SHARDS"
	check "$r: and the Markdown report is written" test -s $r/report/report.md
done

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
	akko-migrate convert --shard $arg exports/ -o x 2>usage.err
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
# A holder killed with kill -9 releases the lock at once, although its
# workers (each sleeping a second) outlive it: the lock is the supervisor's
# alone.
unset AKKO_TEST_WORKER_FAULT
AKKO_TEST_WORKER_FAULT=slow:.XML "$AKKO_BIN" convert -q -j2 exports -o killed 2>/dev/null &
pid=$!
if wait_locked killed; then
	sleep 0.2 # its first workers are asleep
	kill -9 $pid
	wait $pid 2>/dev/null
	"$AKKO_BIN" convert -q -j2 exports -o killed 2>killed.err
	rc=$?
	check "after kill -9 of the holder, the next run goes ahead at once (exit $rc)" test $rc = 1
	check "and resumes it whole" valid_results killed/results.jsonl "$nfiles"
else
	fail "the first run takes the lock"
fi
"$AKKO_BIN" convert -q --shard 2/2 exports -o held 2>/dev/null
check "after it, the second run goes ahead" test -s held/results.shard-2-of-2.jsonl -a "$(lines held/.akko-manifest)" = "$nfiles"
"$AKKO_BIN" convert -q exports -o held 2>/dev/null
check "and a whole run then reuses every file" test "$(grep -c '"reused":true ' held/results.jsonl)" = "$nfiles"

echo "# suite done"

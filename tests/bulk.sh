#!/bin/sh
# bulk.sh - bulk conversion (docs/bulk.md): a mixed tree of good, bad,
# foreign and huge files; one result line per file; outputs mirroring the
# tree; crashes, hangs and runaway memory contained in their worker; reuse
# of unchanged files; resume after kill -9; shards; -j1 == -j2.
. "$(dirname "$0")/lib.sh"
cd "$TESTS_OUT" || exit 1
rm -rf bulk && mkdir bulk && cd bulk || exit 1
pc="$AKKO_SRCDIR/corpus/powercenter"
shared=$(shared_corpus) || shared=""

contains() { # contains NAME FILE TEXT
	if grep -qF -- "$3" "$2"; then pass "$1"; else
		fail "$1"
		echo "#   '$3' not found in:"
		show "$2" 10
	fi
}
# The result line of REL (status and reason) from a results file.
field() { # field RESULTS REL KEY
	python3 - "$1" "$2" "$3" <<'EOF'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r["rel"] == sys.argv[2]:
        v = r.get(sys.argv[3])
        print(json.dumps(v) if isinstance(v, (dict, list)) or v is None else v)
EOF
}

# ---- the tree -------------------------------------------------------------
mkdir -p tree/good/sub/deeper tree/bad tree/other tree/foreign tree/huge
cp "$pc/m_source_qualifier.XML" tree/good/a.XML
cp "$pc/m_mapplets.XML" tree/good/sub/deeper/b.xml
cp "$pc/m_transformations.XML" tree/good/c.XML
cp "$pc/m_shortcuts.XML" tree/good/c.xml # the same output name as c.XML
cp "$pc/wf_control_flow.XML" tree/good/sub/wf.XML
if [ -n "$shared" ]; then
	i=0
	for f in "$shared"/powercenter/*.XML; do
		i=$((i + 1))
		[ $i -gt 4 ] && break
		cp "$f" "tree/good/sub/shared_$i.XML"
	done
fi
printf '<?xml version="1.0"?>\n<POWERMART><REPOSITORY NAME="r"><FOLDER NAME="f"></REPOSITORY></POWERMART>\n' >tree/bad/bad_xml.XML
head -c 4000 "$pc/m_source_qualifier.XML" >tree/bad/truncated.XML
: >tree/bad/empty.XML
printf '<!DOCTYPE html>\n<html><body>POWERMART export</body></html>\n' >tree/other/page.html
printf 'PK\003\004\000\000binary' >tree/other/archive.zip
printf 'notes\n' >tree/other/README
# a package and a workflow convert like an export
cp "$AKKO_SRCDIR/corpus/ssis/df_sales.dtsx" tree/good/package.dtsx
cp "$AKKO_SRCDIR/corpus/alteryx/wf_macro_calls.yxmd" tree/good/workflow.yxmd
# a valid export with 1000 mappings (about 7 MB)
python3 - "$pc/m_source_qualifier.XML" tree/huge/huge.XML <<'EOF'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"<MAPPING .*?</MAPPING>", src, re.S)
body = "".join(m.group(0).replace('NAME ="m_orders_sq"', 'NAME ="m_orders_sq_%d"' % i, 1) for i in range(1000))
open(sys.argv[2], "w", encoding="utf-8").write(src[:m.start()] + body + src[m.end():])
EOF
nfiles=$(find tree -type f | wc -l | tr -d ' ')
ngood=$(find tree/good tree/huge -type f | wc -l | tr -d ' ')

# ---- a whole run ----------------------------------------------------------
"$AKKO_BIN" convert -j2 tree -o out >run1.out 2>run1.err
rc=$?
check "a tree with bad files exits 1 (got $rc)" test $rc = 1
nres=$(wc -l <out/results.jsonl | tr -d ' ')
check "one result line per file of the tree ($nres of $nfiles)" test "$nres" = "$nfiles"
if python3 - out/results.jsonl <<'EOF'; then pass "every result line is JSON of the documented shape"; else fail "every result line is JSON of the documented shape"; fi
import json, sys
keys = ["v", "file", "rel", "sha256", "status", "reason", "reused", "elapsed_ms", "output", "summary"]
for line in open(sys.argv[1]):
    r = json.loads(line)
    k = list(r)
    want = keys + (["errors"] if r["status"] == "error" else [])
    assert k == want, (k, want)
    assert r["v"] == 1 and r["reused"] is False and isinstance(r["elapsed_ms"], int)
    assert r["status"] in ("converted", "error", "skipped", "crashed", "timeout", "memory")
    assert (r["status"] == "converted") == (r["output"] is not None) == (r["summary"] is not None)
    assert (r["reason"] is None) == (r["status"] == "converted"), r
    if r["status"] == "error":
        assert 1 <= len(r["errors"]) <= 5
    assert len(r["sha256"]) == 64
EOF
bad=0
for f in $(cd tree && find good huge -type f); do
	st=$(field out/results.jsonl "$f" status)
	[ "$st" = converted ] || { bad=1; echo "#   $f: $st"; }
done
check "every good file is converted" test $bad = 0
# outputs mirror the tree; c.xml, whose name c.yaml is taken by c.XML, keeps its extension
(cd tree && find good huge -type f | sed 's/\.[^./]*$//; s/$/.yaml/' | sed 's#^good/c\.yaml$#good/c.yaml#' | sort) >want.txt
echo good/c.xml.yaml >>want.txt
sort -u want.txt -o want.txt
(cd out && find . -name '*.yaml' | sed 's#^\./##' | sort) >got.txt
if cmp -s want.txt got.txt; then pass "the output tree mirrors the input tree"; else
	fail "the output tree mirrors the input tree"
	diff want.txt got.txt | sed 's/^/#   /'
fi
check "c.XML gets c.yaml" test "$(field out/results.jsonl good/c.XML output)" = out/good/c.yaml
check "c.xml gets c.xml.yaml, not c.XML's name" test "$(field out/results.jsonl good/c.xml output)" = out/good/c.xml.yaml
for f in bad/bad_xml.XML bad/truncated.XML; do
	check "$f is an error" test "$(field out/results.jsonl $f status)" = error
done
contains "a truncated export says so" out/results.jsonl "looks truncated"
check "the SSIS package converts" test -s out/good/package.yaml
check "the Alteryx workflow converts" test -s out/good/workflow.yaml
for f in bad/empty.XML other/page.html other/archive.zip other/README; do
	check "$f is skipped" test "$(field out/results.jsonl $f status)" = skipped
done
check "the HTML page is named in its reason" test "$(field out/results.jsonl other/page.html reason)" = "not a job export: it is an HTML page"
check "the empty file's reason" test "$(field out/results.jsonl bad/empty.XML reason)" = "the file is empty"
check "the huge export converts" test -s out/huge/huge.yaml
ls -a out | grep -q '\.tmp\.' && fail "no temporary file is left" || pass "no temporary file is left"
contains "the end summary counts the files" run1.err "$nfiles files: $ngood converted (0 reused)"
# the summary is emit_summary_json's object for the file, as --format json gives it
"$AKKO_BIN" --format json tree/good/a.XML -o single.yaml >single.json 2>/dev/null
if python3 - out/results.jsonl single.json <<'EOF'; then pass "the summary is the --format json object"; else fail "the summary is the --format json object"; fi
import json, sys
r = [json.loads(l) for l in open(sys.argv[1]) if json.loads(l)["rel"] == "good/a.XML"][0]["summary"]
s = json.loads(open(sys.argv[2]).read())
assert r.pop("output") == "out/good/a.yaml" and s.pop("output") == "single.yaml"
assert r == s, (r, s)
EOF
check "the single-file form writes no results.jsonl" test ! -e results.jsonl

# ---- incremental runs -----------------------------------------------------
"$AKKO_BIN" convert -j2 tree -o out >run2.out 2>run2.err
fresh=$(grep -c '"reused":false' out/results.jsonl)
check "a re-run with nothing changed converts nothing ($fresh fresh)" test "$fresh" = 0
check "the re-run still has every file" test "$(wc -l <out/results.jsonl | tr -d ' ')" = "$nfiles"
contains "the end summary counts the reused files" run2.err "$ngood converted ($ngood reused)"
check "reused lines are JSON" python3 -c "import json,sys; [json.loads(l) for l in open('out/results.jsonl')]"
printf '<!-- changed -->\n' >>tree/good/sub/deeper/b.xml
touch tree/good/a.XML
"$AKKO_BIN" convert -j2 tree -o out >run3.out 2>run3.err
grep '"reused":false' out/results.jsonl | python3 -c "import json,sys; [print(json.loads(l)['rel']) for l in sys.stdin]" >fresh.txt
check "changing one file converts exactly that one (touching another does not)" test "$(cat fresh.txt)" = good/sub/deeper/b.xml
rm tree/other/README
"$AKKO_BIN" convert -j2 tree -o out >run4.out 2>run4.err
check "a removed input leaves the results" test "$(wc -l <out/results.jsonl | tr -d ' ')" = $((nfiles - 1))
check "and the manifest" test "$(wc -l <out/.akko-manifest | tr -d ' ')" = $((nfiles - 1))
"$AKKO_BIN" convert --force -j2 tree -o out >run5.out 2>run5.err
check "--force converts everything again" test "$(grep -c '"reused":true' out/results.jsonl)" = 0
rm out/good/a.yaml
"$AKKO_BIN" convert tree -o out >run6.out 2>run6.err
check "a deleted output is converted again" test "$(field out/results.jsonl good/a.XML reused)" = False
check "and written" test -s out/good/a.yaml
"$AKKO_BIN" convert -p "$AKKO_SRCDIR/examples/powercenter/demo.par" tree -o out >run7.out 2>run7.err
check "another parameter file converts everything again" test "$(grep -c '"reused":true' out/results.jsonl)" = 0

SOURCE_DATE_EPOCH=86400 "$AKKO_BIN" convert tree -o out >run8.out 2>run8.err
check "SOURCE_DATE_EPOCH (generated_at) converts everything again" test "$(grep -c '"reused":true' out/results.jsonl)" = 0
grep -q '^generated_at: .1970-01-02' out/good/a.yaml && pass "and the outputs carry its time" || fail "and the outputs carry its time"

# ---- -j1 and -j2, shards ----------------------------------------------------
"$AKKO_BIN" convert -q -j1 tree -o j1 2>/dev/null
"$AKKO_BIN" convert -q -j2 tree -o j2 2>/dev/null
if diff -r -x results.jsonl -x .akko-manifest j1 j2 >/dev/null; then pass "-j1 and -j2 write byte-identical outputs"; else fail "-j1 and -j2 write byte-identical outputs"; fi
"$AKKO_BIN" convert -q -j2 --shard 1/2 tree -o j2 2>/dev/null
"$AKKO_BIN" convert -q -j2 --shard 2/2 tree -o s2 2>/dev/null
check "a shard writes its own results file" test -s j2/results.shard-1-of-2.jsonl -a -s s2/results.shard-2-of-2.jsonl
if python3 - j1/results.jsonl j2/results.shard-1-of-2.jsonl s2/results.shard-2-of-2.jsonl <<'EOF'; then pass "shard 1/2 and 2/2 together are the whole run"; else fail "shard 1/2 and 2/2 together are the whole run"; fi
import json, sys
def load(p):
    return {(r["rel"], r["status"], r["sha256"]) for r in map(json.loads, open(p))}
whole, a, b = load(sys.argv[1]), load(sys.argv[2]), load(sys.argv[3])
assert a and b and not (a & b) and (a | b) == whole, (len(a), len(b), len(whole))
EOF
for y in $(cd s2 && find . -name '*.yaml'); do
	cmp -s "s2/$y" "j1/$y" || { echo "#   $y differs"; bad=2; }
done
check "shard outputs are the whole run's bytes" test "$bad" != 2

# ---- faults contained -------------------------------------------------------
# --file-timeout 4: the runaway allocation must reach --file-memory before the
# timeout even on a loaded machine (at 2 s it sometimes did not).
mkdir -p faults
for n in crash_me hang_me oom_me fine; do cp "$pc/m_source_qualifier.XML" "faults/$n.XML"; done
t0=$(date +%s)
AKKO_TEST_WORKER_FAULT=crash:crash_me,hang:hang_me,oom:oom_me \
	"$AKKO_BIN" convert -j2 --file-timeout 4 --file-memory 256 faults -o fout >faults.out 2>faults.err
rc=$?
t1=$(date +%s)
check "a crash, a hang and a runaway allocation exit 1 (got $rc)" test $rc = 1
check "a crashed worker is recorded" test "$(field fout/results.jsonl crash_me.XML status)" = crashed
contains "with the signal" fout/results.jsonl "killed by signal 11"
check "a hung worker is killed at --file-timeout" test "$(field fout/results.jsonl hang_me.XML status)" = timeout
check "a runaway allocation stops at --file-memory" test "$(field fout/results.jsonl oom_me.XML status)" = memory
check "the other file is still converted" test "$(field fout/results.jsonl fine.XML status)" = converted
check "the run does not wait for the hung worker ($((t1 - t0)) s)" test $((t1 - t0)) -lt 12
contains "the end summary counts them" faults.err "3 crashed/timeout/memory"
check "no output for the failed files" test ! -e fout/crash_me.yaml -a ! -e fout/hang_me.yaml -a ! -e fout/oom_me.yaml

# A worker converts several files in turn (docs/bulk.md).  A crash or an
# allocation failure in a worker that converted other files first may come
# from what they left in its heap: the file is converted again alone, in a
# fresh worker, and only that outcome counts.  The -reused faults strike
# only in a worker that served a file before (a fresh one converts cleanly).
mkdir -p reuse
for n in a b c d e; do cp "$pc/m_source_qualifier.XML" "reuse/$n.XML"; done
AKKO_TEST_WORKER_FAULT=oom-reused:/b.XML,crash-reused:/c.XML,crash:/d.XML \
	"$AKKO_BIN" convert -j1 --file-memory 256 reuse -o rout >reuse.out 2>reuse.err
rc=$?
check "a fault in a reused worker is not the file's: exit 1 for the one true crash (got $rc)" test $rc = 1
check "a crash in a reused worker: converted again alone, converted" test "$(field rout/results.jsonl c.XML status)" = converted
check "an allocation failure in a reused worker: converted again alone, converted" \
	test "$(field rout/results.jsonl b.XML status)" = converted
contains "the retry is said" reuse.err "the worker converting 'reuse/c.XML' was killed by signal 11"
contains "the retry after memory is said" reuse.err "ran out of memory (--file-memory) after"
check "a file that crashes in a fresh worker too is crashed" test "$(field rout/results.jsonl d.XML status)" = crashed
check "the files before and after are converted" \
	test "$(field rout/results.jsonl a.XML status) $(field rout/results.jsonl e.XML status)" = "converted converted"
n_lines=$(wc -l <rout/results.jsonl | tr -d ' ')
check "one result line per file, none twice ($n_lines)" test "$n_lines" = 5
same=yes
for n in b c e; do # the same export: the same YAML but for the input's name
	sed "s|reuse/$n.XML|reuse/a.XML|" "rout/$n.yaml" | cmp -s - rout/a.yaml || same="no ($n)"
done
check "retried files' outputs are byte-identical to a clean one's: $same" test "$same" = yes

# ---- kill -9 and resume -------------------------------------------------------
mkdir -p slow
for i in 1 2 3 4 5 6 7 8; do cp "$pc/m_source_qualifier.XML" "slow/s$i.XML"; done
AKKO_TEST_WORKER_FAULT=slow:/s "$AKKO_BIN" convert -j1 slow -o sout >/dev/null 2>&1 &
pid=$!
n=0
for _ in $(seq 1 100); do
	n=$(cat sout/results.jsonl 2>/dev/null | wc -l | tr -d ' ')
	[ "$n" -ge 3 ] && break
	sleep 0.1
done
kill -9 $pid
wait $pid 2>/dev/null
sleep 1.2 # the orphaned worker finishes its file
cp sout/results.jsonl killed.jsonl
done_before=$(wc -l <killed.jsonl | tr -d ' ')
check "the killed run had finished some files but not all ($done_before)" test "$done_before" -ge 3 -a "$done_before" -lt 8
"$AKKO_BIN" convert -j2 slow -o sout >resume.out 2>resume.err
check "the resumed run accounts for every file" test "$(wc -l <sout/results.jsonl | tr -d ' ')" = 8
if python3 - killed.jsonl sout/results.jsonl <<'EOF'; then pass "the files done before the kill are reused"; else fail "the files done before the kill are reused"; fi
import json, sys
before = {json.loads(l)["rel"] for l in open(sys.argv[1])}
after = {r["rel"]: r for r in map(json.loads, open(sys.argv[2]))}
assert all(after[f]["reused"] for f in before), before
assert all(r["status"] == "converted" for r in after.values())
assert sum(not r["reused"] for r in after.values()) == 8 - len(before)
EOF
ls sout | grep -q '\.tmp\.' && fail "no temporary file is left after the kill" || pass "no temporary file is left after the kill"

# ---- what is not a file -------------------------------------------------------
mkdir -p odd && mkfifo odd/pipe && ln -s .. odd/dirlink && ln -s nowhere odd/dangling
cp "$pc/m_source_qualifier.XML" odd/good.XML
"$AKKO_BIN" convert odd missing.XML -o oddout >/dev/null 2>&1
rc=$?
check "unreadable inputs exit 3 (got $rc)" test $rc = 3
check "a FIFO is skipped, not opened" test "$(field oddout/results.jsonl pipe status)" = skipped
check "a link to a directory is skipped" test "$(field oddout/results.jsonl dirlink status)" = skipped
check "a dangling link is an error" test "$(field oddout/results.jsonl dangling status)" = error
check "a missing FILE argument is an error line" test "$(field oddout/results.jsonl missing.XML status)" = error
check "the good file beside them converts" test "$(field oddout/results.jsonl good.XML status)" = converted

# ---- command line -------------------------------------------------------------
"$AKKO_BIN" convert tree >/dev/null 2>err.txt
check "a directory without -o is a usage error" test $? = 2
"$AKKO_BIN" convert --shard 3/2 tree -o x >/dev/null 2>&1
check "--shard 3/2 is a usage error" test $? = 2
"$AKKO_BIN" convert -j 0 tree -o x >/dev/null 2>&1
check "-j 0 is a usage error" test $? = 2
"$AKKO_BIN" help convert >help.txt
for opt in --jobs --shard --results --force --file-timeout --file-memory; do
	contains "help convert documents $opt" help.txt "$opt"
done
# --gate: 4 when a converted file fails the gate and nothing is worse
mkdir -p gate && cp "$pc/m_source_qualifier.XML" "$pc/m_transformations.XML" "$pc/m_mapplets.XML" gate/
"$AKKO_BIN" convert -q --gate gate -o gout >/dev/null 2>&1
rc=$?
fails=$(grep -c '"gate":"fail"' gout/results.jsonl)
if [ "$fails" -gt 0 ]; then want=4; else want=0; fi
check "--gate exits $want when $fails file(s) fail the gate (got $rc)" test $rc = $want
"$AKKO_BIN" convert -q --gate gate -o gout >/dev/null 2>&1
check "--gate gives the same exit code when the results are reused" test $? = $want

# ---- the order of the list, streamed ----------------------------------------------
# The supervisor walks directory by directory; the list must still be the
# files sorted by their whole relative path, byte by byte (docs/bulk.md):
# B.xml (B = 0x42) < a-b/y.xml ('-' = 0x2d) < a.xml ('.' = 0x2e) <
# a/x.xml ('/' = 0x2f) < a0.xml ('0' = 0x30), although a directory listing
# sorted name by name puts the directory a before a.xml.  Shard K of 5 is
# the file at index K-1; with files of one size, -j1 writes its results in
# the list's order.
mkdir -p order/a order/a-b
for f in B.xml a-b/y.xml a.xml a/x.xml a0.xml; do cp "$pc/m_source_qualifier.XML" "order/$f"; done
want="B.xml a-b/y.xml a.xml a/x.xml a0.xml"
got=""
for k in 1 2 3 4 5; do
	"$AKKO_BIN" convert -q --shard $k/5 order -o order-out 2>/dev/null
	got="$got $(python3 -c 'import json,sys; print(" ".join(json.loads(l)["rel"] for l in open(sys.argv[1])))' order-out/results.shard-$k-of-5.jsonl)"
done
check "shard K of 5 holds the file at index K-1 of the byte-sorted paths ($got)" test "$got" = " $want"
"$AKKO_BIN" convert -q -j1 order -o order-all 2>/dev/null
got=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["rel"] for l in open(sys.argv[1])))' order-all/results.jsonl)
check "-j1 over files of one size: results in the list's order ($got)" test "$got" = "$want"
# The supervisor decides the next files (reads, hashes, sniffs them) while
# a worker converts, but results keep the order of turns: largest first.
# big.XML (43 KB, converted) is handed out first; while it converts, the
# 3,000-byte note is decided (skipped) and waits for its turn, then the
# 95-byte broken export goes to a worker (error).
mkdir -p turns
cp "$pc/m_transformations.XML" turns/big.XML
head -c 3000 /dev/zero | tr '\0' 'x' >turns/note.txt
printf '<?xml version="1.0"?>\n<POWERMART><REPOSITORY NAME="r"><FOLDER NAME="f"></REPOSITORY></POWERMART>\n' >turns/bad.XML
AKKO_TEST_WORKER_FAULT=slow:big.XML "$AKKO_BIN" convert -q -j1 turns -o turns-out 2>/dev/null
got=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["rel"] + ":" + json.loads(l)["status"] for l in open(sys.argv[1])))' turns-out/results.jsonl)
check "-j1: results in the order of turns, a file decided ahead waits for its own ($got)" \
	test "$got" = "big.XML:converted note.txt:skipped bad.XML:error"
# Output names are compared without case over the whole list, also across
# directories: A/x.xml comes first (A = 0x41 < a), so a/x.xml's name is taken.
mkdir -p casedir/A casedir/a
cp "$pc/m_source_qualifier.XML" casedir/A/x.xml
cp "$pc/m_source_qualifier.XML" casedir/a/x.xml
"$AKKO_BIN" convert -q casedir -o case-out 2>/dev/null
check "A/x.xml gets A/x.yaml" test "$(field case-out/results.jsonl A/x.xml output)" = case-out/A/x.yaml
check "a/x.xml, later in the list, gets a/x.xml.yaml" test "$(field case-out/results.jsonl a/x.xml output)" = case-out/a/x.xml.yaml

# ---- the supervisor's memory does not grow with the estate --------------------------
# 2,000 small files that are not exports (so no worker runs: the supervisor
# alone walks, hashes, records and compacts) against 20.  Before the file
# list moved to disk, the supervisor kept about 700 bytes per file here
# (+1.4 MB for 2,000 files); now it keeps its 16-byte schedule entry and,
# while walking, an 8-byte name slot.  Not in sanitizer builds: their
# allocators keep what is freed.
if grep -q __asan_init "$AKKO_BIN" 2>/dev/null; then
	skip "the supervisor's peak memory over 2,000 files is within 512 KB of 20 files'" "a sanitizer build"
else
	mkdir -p mem/few
	for i in $(seq 1 20); do echo "note $i" >mem/few/n$i.txt; done
	for d in $(seq 1 20); do
		mkdir -p mem/many/d$d
		for i in $(seq 1 100); do echo "note $i" >mem/many/d$d/n$i.txt; done
	done
	peak_kb() { AKKO_BULK_STATS=1 "$AKKO_BIN" convert -q "$1" -o "$2" 2>&1 | sed -n 's/^peak RSS: supervisor \([0-9]*\) KB.*/\1/p'; }
	few=$(peak_kb mem/few mem-few) many=$(peak_kb mem/many mem-many)
	check "the supervisor's peak memory over 2,000 files is within 512 KB of 20 files' ($few KB, $many KB)" \
		test -n "$few" -a -n "$many" -a "${many:-0}" -le $((${few:-0} + 512))
	check "and every file has its result and manifest line" \
		test "$(wc -l <mem-many/results.jsonl | tr -d ' ')" = 2000 -a "$(wc -l <mem-many/.akko-manifest | tr -d ' ')" = 2000
fi

# ---- bulk results feed the report ---------------------------------------------
# The report reads results.jsonl as bulk writes it, and counts every line.
"$AKKO_BIN" convert -q "$pc" -o repout >/dev/null 2>&1
"$AKKO_BIN" report -f json repout/results.jsonl -o rep.json >/dev/null 2>rep.err
rc=$?
check "report reads a bulk run's results.jsonl (exit $rc)" test $rc = 0
n_lines=$(wc -l <repout/results.jsonl | tr -d ' ')
n_rep=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["estate"]["files"])' rep.json 2>&1)
check "the report counts every line of the bulk run ($n_rep of $n_lines)" test "$n_rep" = "$n_lines"
echo "# suite done"

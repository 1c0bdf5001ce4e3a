#!/bin/sh
# report.sh - `akko-migrate report` (docs/report.md, docs/effort.md): golden
# Markdown, JSON and CSV reports of a hand-written estate, the effort numbers
# computed by hand, calibration, located errors for bad configs and bad
# lines, shard merging and result trees (OUTDIRs), HTML escaping and a headless Chromium render, and an
# end-to-end run over the project's own corpus with the fingerprint of two
# renamed copies.  AKKO_REGEN=1 rewrites the golden files (read the diff).
. "$(dirname "$0")/lib.sh"
rdir="$AKKO_SRCDIR/tests/report"
out="$TESTS_OUT/report"
rm -rf "$out" && mkdir -p "$out" || exit 1
cd "$rdir" || exit 1 # relative input names keep the golden files stable

json() { # json FILE EXPR: print a Python expression over the JSON in FILE as d
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}
is() { # is LABEL GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: got '$2', want '$3'"; fi
}
golden() { # golden LABEL GOT EXPECTED
	[ -n "${AKKO_REGEN:-}" ] && cp "$2" "$3"
	if cmp -s "$2" "$3"; then pass "$1"; else
		fail "$1 differs from $(basename "$3")"
		diff "$3" "$2" | head -20 | sed 's/^/#   /'
	fi
}
report() { # report EXPECTED_RC NAME ARGS...: stdout to $out/NAME.out, stderr to .err
	want=$1 name=$2
	shift 2
	"$AKKO_BIN" report "$@" >"$out/$name.out" 2>"$out/$name.err"
	rc=$?
	if [ "$rc" = "$want" ]; then pass "report $name (exit $want)"; else
		fail "report $name (exit $want, got $rc)"
		show "$out/$name.err" 8
	fi
}

# ---- the hand-written estate ------------------------------------------------
# estate.jsonl: clean (0.95, pass), gate_fail (0.7, a Java transformation
# and an unknown function FOO), broken (error), notes.txt (skipped), huge
# (crashed), copies/copy_a and copy_b (same fingerprint, one LLM-assisted
# object each), big (0.5, VERY COMPLEX), wf_only (no data-flow node).
for f in md json csv; do
	report 0 "estate-$f" -f $f estate.jsonl
	golden "estate report as $f" "$out/estate-$f.out" "estate.$f"
done
report 0 "estate-html" -f html -o "$out/estate.html" estate.jsonl
"$AKKO_BIN" report -f json estate.jsonl >"$out/again.json" 2>/dev/null
check "two runs give the same bytes" cmp -s "$out/again.json" "$out/estate-json.out"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$out/estate-json.out" &&
	pass "the JSON report is JSON" || fail "the JSON report is JSON"

# Effort by hand, default model (docs/effort.md):
#   file = pipelines*(0.25 + 0.5) + review*2.0 + llm*1.0 + 4.0
#   clean      1*0.75 + 0*2 + 0*1 + 4 =  4.75
#   gate_fail  2*0.75 + 2*2 + 0*1 + 4 =  9.50
#   copy_a     1*0.75 + 1*2 + 1*1 + 4 =  7.75   (copy_b the same)
#   big        3*0.75 + 3*2 + 0*1 + 4 = 12.25
#   wf_only    0*0.75 + 1*2 + 0*1 + 4 =  6.00
#   total 48.00; broken and huge are not estimated (unconverted_file 0);
#   copy_b is reviewed through copy_a: saves 1*2 + 1*1 = 3.00 -> 45.00
j="$out/estate-json.out"
is "estate effort by hand" "$(json "$j" 'd["estate"]["effort_hours"]')" 48
is "cluster savings by hand" "$(json "$j" 'd["estate"]["cluster_savings_hours"]')" 3
is "effort with clusters" "$(json "$j" 'd["estate"]["effort_hours_clustered"]')" 45
is "per-file effort by hand" "$(json "$j" '[f["effort_hours"] for f in d["files"]]')" \
	"[None, None, None, 12.25, 9.5, 7.75, 7.75, 4.75, 6]"
# classes: big has 45 components (>= 40), gate_fail 5 lookups (>= 5),
# the copies 2 sources and a join (>= 2, >= 1), clean and wf_only nothing
is "complexity classes" "$(json "$j" '[f["class"] for f in d["files"]]')" \
	"[None, None, None, 'very_complex', 'complex', 'medium', 'medium', 'low', 'low']"
is "mean confidence of the rated files: (0.95+0.7+0.82+0.82+0.5)/5" \
	"$(json "$j" 'd["estate"]["mean_confidence"]')" 0.758
is "FOO counts 3 in 2 files" "$(json "$j" 'd["unsupported"][0]')" \
	"{'what': 'function', 'name': 'FOO', 'count': 3, 'files': 2}"

# ---- calibration ------------------------------------------------------------
report 0 "defaults-yaml" -f json --config "$AKKO_SRCDIR/docs/effort.yaml" estate.jsonl
check "docs/effort.yaml holds exactly the defaults" cmp -s "$out/defaults-yaml.out" "$j"
# calibrated.yaml: review 1 h, no integration, HIGH from 0.9, components
# thresholds 2/3/50:  clean 0.75, gate_fail 1.5+2 = 3.5, copies 0.75+1+1 =
# 2.75 each, big 2.25+3 = 5.25, wf_only 1: total 16, savings 2, 14.
report 0 "calibrated" -f json -c calibrated.yaml estate.jsonl
c="$out/calibrated.out"
is "calibrated effort" "$(json "$c" 'd["estate"]["effort_hours"]')" 16
is "calibrated savings" "$(json "$c" 'd["estate"]["effort_hours_clustered"]')" 14
is "calibrated classes" "$(json "$c" '[f["class"] for f in d["files"]][3:]')" \
	"['complex', 'complex', 'complex', 'complex', 'low', 'low']"
is "calibrated bands" "$(json "$c" '[b["files"] for b in d["bands"]]')" "[1, 3, 1, 0, 1]"

for bad in bad-config bad-thresholds bad-yaml; do
	report 2 "$bad" -c $bad.yaml estate.jsonl
	golden "$bad.yaml: located errors" "$out/$bad.err" "$bad.stderr"
	check "$bad.yaml: no report" test ! -s "$out/$bad.out"
done
report 3 "missing-config" -c no-such.yaml estate.jsonl
grep -q "\[E0001\]" "$out/missing-config.err" && pass "a missing config is E0001" || fail "a missing config is E0001"

# ---- bad input lines, merging, conflicts ------------------------------------
report 1 "bad-lines" -f csv bad-lines.jsonl
golden "malformed lines: located errors" "$out/bad-lines.err" "bad-lines.stderr"
is "malformed lines are left out, the others reported" "$(grep -c converted "$out/bad-lines.out")" 1
"$AKKO_BIN" report -f json bad-lines.jsonl >"$out/bad-lines.json" 2>/dev/null
is "malformed lines are counted" "$(json "$out/bad-lines.json" 'd["estate"]["malformed_lines"]')" 7
report 1 "empty" empty.jsonl
golden "no usable line: E0806" "$out/empty.err" "empty.stderr"
report 3 "missing-input" no-such.jsonl

# Two shards that overlap on one file report what the whole file does.
sed -n 1,5p estate.jsonl >"$out/shard-1.jsonl"
sed -n 5,9p estate.jsonl >"$out/shard-2.jsonl"
report 0 "shards" -f json "$out/shard-1.jsonl" "$out/shard-2.jsonl"
strip_inputs='import json,sys; d=json.load(open(sys.argv[1])); d.pop("inputs"); print(json.dumps(d, sort_keys=True))'
python3 -c "$strip_inputs" "$out/shards.out" >"$out/shards.cmp"
python3 -c "$strip_inputs" "$j" >"$out/estate.cmp"
check "two shards merge into the report of the whole" cmp -s "$out/shards.cmp" "$out/estate.cmp"
check "merging warns about nothing when the shards agree" test ! -s "$out/shards.err"
# Result trees (a bulk run's OUTDIR): its results.jsonl, or its shards' files
# in K order; a tree of two runs, or of none, is refused (E0807).
mkdir -p "$out/t/whole" "$out/t/halves" "$out/t/mixed" "$out/t/none"
cp estate.jsonl "$out/t/whole/results.jsonl"
sed -n 1,5p estate.jsonl >"$out/t/halves/results.shard-1-of-2.jsonl"
sed -n 6,9p estate.jsonl >"$out/t/halves/results.shard-2-of-2.jsonl"
cp estate.jsonl "$out/t/mixed/results.jsonl"
cp "$out/t/halves/results.shard-2-of-2.jsonl" "$out/t/mixed/"
tree() { # tree EXPECTED_RC NAME ARGS...: report run in $out/t, names relative to it
	want=$1 name=$2
	shift 2
	(cd "$out/t" && "$AKKO_BIN" report "$@" >"../$name.out" 2>"../$name.err")
	rc=$?
	if [ "$rc" = "$want" ]; then pass "report $name (exit $want)"; else
		fail "report $name (exit $want, got $rc)"
		show "$out/$name.err" 8
	fi
}
tree 0 "tree-whole" -f json whole
(cd "$out/t" && "$AKKO_BIN" report -f json whole/results.jsonl >../tree-file.out 2>&1)
check "a tree reads as its results.jsonl" cmp -s "$out/tree-whole.out" "$out/tree-file.out"
tree 0 "tree-halves" -f json halves/
is "a tree of shards reads their files in K order" \
	"$(json "$out/tree-halves.out" '" ".join(i["path"] for i in d["inputs"])')" \
	"halves/results.shard-1-of-2.jsonl halves/results.shard-2-of-2.jsonl"
python3 -c "$strip_inputs" "$out/tree-halves.out" >"$out/tree-halves.cmp"
check "and gives the whole estate's report" cmp -s "$out/tree-halves.cmp" "$out/estate.cmp"
check "a tree of all its shards warns about nothing" test ! -s "$out/tree-halves.err"
tree 0 "shard-missing" -f json halves/results.shard-2-of-2.jsonl
golden "shards read without all of their N: W0808" "$out/shard-missing.err" "shard-missing.stderr"
tree 3 "tree-mixed" mixed
golden "a tree of two runs: E0807" "$out/tree-mixed.err" "tree-mixed.stderr"
tree 3 "tree-none" none
golden "a tree without results: E0807" "$out/tree-none.err" "tree-none.stderr"
check "a refused tree writes no report" test ! -s "$out/tree-mixed.out" -a ! -s "$out/tree-none.out"
report 0 "conflict" -f json estate.jsonl conflict.jsonl
golden "a file with two sha256s: W0805" "$out/conflict.err" "conflict.stderr"
is "the later line is kept" "$(json "$out/conflict.out" '[f["confidence"] for f in d["files"] if f["rel"] == "clean.XML"]')" "[0.9]"

# ---- HTML -------------------------------------------------------------------
report 0 "hostile-html" -f html hostile.jsonl
h="$out/hostile-html.out"
if grep -q '<script\|<img\|<b>Evil' "$h"; then fail "HTML escapes names and reasons"; else pass "HTML escapes names and reasons"; fi
grep -qF '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;&#39;.XML' "$h" &&
	pass "the hostile name is shown as written" || fail "the hostile name is shown as written"
report 0 "hostile-csv" -f csv hostile.jsonl
grep -qF '"<script>alert(""x"")</script>&amp;'"'"'.XML",error' "$out/hostile-csv.out" &&
	grep -qF '"<img src=x onerror=alert(1)> | a, ""b"""' "$out/hostile-csv.out" &&
	pass "CSV quotes per RFC 4180" || fail "CSV quotes per RFC 4180"
report 0 "hostile-md" hostile.jsonl
grep -qF '| &lt;script>alert("x")&lt;/script>&amp;amp;'"'"'.XML | error |' "$out/hostile-md.out" &&
	grep -qF '&lt;img src=x onerror=alert(1)> \| a, "b"' "$out/hostile-md.out" &&
	pass "Markdown escapes tags and pipes" || fail "Markdown escapes tags and pipes"
e="$out/estate.html"
if grep -qiE 'https?:|<script|<link|<img|<iframe|@import|url\(' "$e"; then
	fail "the HTML page loads nothing from outside"
else pass "the HTML page loads nothing from outside"; fi
is "the HTML page has its three charts" "$(grep -c '<svg id="chart-' "$e")" 3

# Headless Chromium renders the page: a screenshot that is not blank, with
# the chart colours in it, and a DOM with the charts.  No network: flags,
# a throw-away profile, the page's CSP, and a network namespace if possible.
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ]; then
	skip "HTML report renders in headless Chromium" "chromium not installed"
else
	prof="$out/chrome-profile"
	net=""
	unshare -rn true 2>/dev/null && net="unshare -rn"
	flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
		--disable-component-update --disable-sync --disable-default-apps --disable-extensions
		--user-data-dir=$prof --window-size=1200,2000"
	# shellcheck disable=SC2086
	timeout 120 $net "$chrome" $flags --screenshot="$out/estate.png" "file://$e" >"$out/chrome.log" 2>&1
	check "Chromium writes a screenshot" test -s "$out/estate.png"
	if [ -s "$out/estate.png" ] && [ "$(wc -c <"$out/estate.png")" -gt 20000 ] &&
		python3 "$rdir/png-check.py" "$out/estate.png" 16 2e7d32 f9a825 ef6c00 42a5f5 >"$out/png.log" 2>&1; then
		pass "the screenshot shows the report and its chart colours ($(cat "$out/png.log"))"
	else
		fail "the screenshot shows the report and its chart colours"
		show "$out/png.log" 5
	fi
	# shellcheck disable=SC2086
	timeout 120 $net "$chrome" $flags --dump-dom "file://$e" >"$out/estate.dom" 2>>"$out/chrome.log"
	for t in 'id="chart-confidence"' 'id="chart-complexity"' 'id="chart-sources"' \
		'<title>Confidence histogram</title>' '<title>Effort by complexity (hours)</title>' \
		'<title>Objects by conversion source</title>' '<title>VERY COMPLEX: 12.25 h</title>' \
		'<title>confidence 0.5 to 0.6: 1 file</title>'; do
		grep -qF "$t" "$out/estate.dom" && pass "the rendered DOM has $t" || fail "the rendered DOM has $t"
	done
fi

# ---- end to end: the project's own corpus ---------------------------------
# Convert every case that converts, wrap the summaries into result lines
# (what bulk mode writes), and report.
mkdir -p "$out/conv"
: >"$out/summaries.jsonl"
ok=0
for x in "$AKKO_SRCDIR"/corpus/powercenter/*.XML "$rdir"/fp_*.XML; do
	"$AKKO_BIN" "$x" -o "$out/conv/" -f json -q >>"$out/summaries.jsonl" 2>/dev/null
	case $? in 0 | 4) ok=$((ok + 1)) ;; esac
done
python3 "$rdir/wrap-results.py" --root "$AKKO_SRCDIR" "$out/summaries.jsonl" \
	--errors "$AKKO_SRCDIR"/corpus/powercenter/*.XML >"$out/corpus.jsonl"
report 0 "corpus" -f json "$out/corpus.jsonl"
is "every corpus file is in the report" "$(json "$out/corpus.out" 'd["estate"]["files"]')" \
	"$(ls "$AKKO_SRCDIR"/corpus/powercenter/*.XML "$rdir"/fp_*.XML | wc -l | tr -d ' ')"
is "converted files are the ones that convert" "$(json "$out/corpus.out" 'd["estate"]["status"]["converted"]')" "$ok"
# (m_transformations and the copies that vary its options)
is "the Java transformation is listed with the files that have one" \
	"$(json "$out/corpus.out" '[u["files"] for u in d["unsupported"] if u["name"] == "Custom Transformation/Java Transformation"]')" \
	"[$(grep -l 'TEMPLATENAME ="Java Transformation"' "$AKKO_SRCDIR"/corpus/powercenter/*.XML | wc -l | tr -d ' ')]"
fp() { "$AKKO_BIN" "$rdir/$1" -o "$out/fp.yaml" -f json -q | python3 -c 'import json,sys; print(json.load(sys.stdin)["fingerprint"])'; }
a=$(fp fp_orders.XML) b=$(fp fp_invoices.XML) c=$(fp fp_changed.XML)
check "a copy with every name, literal and date changed has the same fingerprint" test -n "$a" -a "$a" = "$b"
check "a copy whose expression calls TRUNC instead of ROUND does not" test "$a" != "$c"
# fp_orders.XML is corpus/powercenter/warn_custom_template.XML as is
is "the renamed copies and their original form one cluster" \
	"$(json "$out/corpus.out" '[c["members"] for c in d["clusters"] if "tests/report/fp_orders.XML" in c["members"]]')" \
	"[['corpus/powercenter/warn_custom_template.XML', 'tests/report/fp_invoices.XML', 'tests/report/fp_orders.XML']]"
report 0 "corpus-html" -f html -o "$out/corpus.html" "$out/corpus.jsonl"

# ---- SSIS packages: their data flows are counted like mappings ------------
"$AKKO_BIN" "$AKKO_SRCDIR/corpus/ssis/df_split_convert.dtsx" -o "$out/conv/" -f json -q >"$out/ssis.json" 2>/dev/null
# by hand: Orders; four destinations; Fix status, Convert qty, Route, Copy
# big, Count big, Sample rest; the Replace and note_len expressions, the
# conversion, two split conditions; ISNULL, UPPER, TRIM, LEN
is "an SSIS data flow's objects are counted" \
	"$(json "$out/ssis.json" '[d["counts"][k] for k in ("mappings", "sources", "targets", "components", "expressions", "function_calls")]')" \
	"[1, 1, 4, 6, 5, 4]"
"$AKKO_BIN" "$AKKO_SRCDIR/corpus/ssis/df_access_modes.dtsx" -o "$out/conv/" -f json -q >"$out/ssis2.json" 2>/dev/null
is "an SSIS component to review is listed by its canonical name" \
	"$(json "$out/ssis2.json" 'sorted(u["name"].split(":")[0] for u in d["unsupported"])')" \
	"['Microsoft.OLEDBCommand', 'Microsoft.OLEDBSource', 'Microsoft.XmlSourceAdapter']"

# ---- DataStage: sequences and their activities, stages by type -------------
: >"$out/ds.jsonl"
for x in seq_all.dsx par_paramset.dsx; do
	"$AKKO_BIN" "$AKKO_SRCDIR/corpus/datastage/$x" -o "$out/conv/" -f json -q >>"$out/ds.jsonl" 2>/dev/null
done
python3 "$rdir/wrap-results.py" --root "$AKKO_SRCDIR" "$out/ds.jsonl" >"$out/ds-results.jsonl"
report 0 "datastage" -f json "$out/ds-results.jsonl"
# by hand: seq_all holds the sequences seq_all (19 activities) and
# seq_child (1); par_paramset is one job: an Oracle connector, a
# transformer and a sequential file
is "the estate counts the DataStage jobs, sequences and activities" \
	"$(json "$out/datastage.out" '[d["estate"][k] for k in ("data_flows", "control_flows", "control_flow_tasks")]')" \
	"[1, 2, 20]"
is "the objects are counted by stage type" \
	"$(json "$out/datastage.out" 'sorted(k["kind"] for k in d["kinds"])')" \
	"['CTransformerStage', 'OracleConnectorPX', 'PxSequentialFile']"

# ---- command line -----------------------------------------------------------
report 0 "help" --help
grep -q -- "--config FILE" "$out/help.out" && pass "help report documents --config" || fail "help report documents --config"
report 2 "bad-format" -f pdf estate.jsonl
report 2 "no-input"
echo "# suite done"

#!/bin/sh
# cli.sh - the command line: help, version, usage errors, exit codes,
# atomic -o, several inputs, I/O errors, and the documented exit codes.
. "$(dirname "$0")/lib.sh"
cd "$TESTS_OUT" || exit 1
rm -rf cli && mkdir cli && cd cli || exit 1
ex="$AKKO_SRCDIR/corpus/powercenter/m_source_qualifier.XML"

run() { # run EXPECTED_RC NAME ARGS...
	want=$1 name=$2
	shift 2
	"$AKKO_BIN" "$@" >out.txt 2>err.txt
	rc=$?
	if [ "$rc" = "$want" ]; then pass "$name (exit $want)"; else
		fail "$name (exit $want, got $rc)"
		show err.txt 8
	fi
}
contains() { # contains NAME FILE TEXT
	if grep -qF -- "$3" "$2"; then pass "$1"; else
		fail "$1"
		echo "#   '$3' not found in:"
		show "$2" 10
	fi
}

run 0 "--help" --help
contains "--help lists the inspect command" out.txt "akko-migrate inspect"
contains "--help lists the exit codes" out.txt "Exit codes:"
run 0 "help inspect" help inspect
contains "help inspect documents --param-file" out.txt "--param-file"
contains "help inspect shows examples" out.txt "Examples:"
run 0 "inspect --help" inspect --help
run 0 "--version" --version
if grep -qE '^akko-migrate [0-9]+\.[0-9]+\.[0-9]+$' out.txt; then pass "--version prints name and version"; else fail "--version prints name and version"; show out.txt; fi
run 2 "no arguments" 
run 2 "unknown command" frobnicate
contains "unknown command says what went wrong" err.txt "unknown command 'frobnicate'"
run 2 "unknown option" --frobnicate
run 2 "unknown inspect option" inspect --frobnicate "$ex"
contains "unknown option is named" err.txt "unknown option '--frobnicate'"
run 2 "inspect without a file" inspect
run 2 "option missing its argument" inspect "$ex" --format
run 2 "unknown format" inspect --format xml "$ex"
run 2 "help for an unknown command" help frobnicate
run 2 "several inputs to a file" inspect -o one.yaml "$ex" "$ex"
run 2 "output directory that does not exist" inspect -o nodir/ "$ex"

run 0 "inspect a bundled example" inspect "$ex"
contains "the dump names the tool" out.txt "tool: powercenter"
run 0 "inspect --format json" inspect --format json "$ex"
contains "the JSON dump is an object" out.txt '{"tool":"powercenter"'
run 0 "inspect --stats" inspect --stats "$ex"
contains "--stats counts mappings" out.txt "mappings: 1"

run 3 "missing input file" inspect no-such-file.XML
contains "a missing file is an E0001 error" err.txt "[E0001]"
run 3 "unreadable parameter file" inspect -p no-such.par "$ex"
contains "a missing parameter file is an E0401 error" err.txt "[E0401]"
test ! -s out.txt && pass "no output when a parameter file is missing" || fail "no output when a parameter file is missing"

run 0 "-o writes a file" inspect -o result.yaml "$ex"
test -s result.yaml && pass "-o file exists" || fail "-o file exists"
test ! -s out.txt && pass "-o leaves stdout empty" || fail "-o leaves stdout empty"
mkdir outdir
run 0 "-o DIR with several inputs" inspect -o outdir "$ex" "$AKKO_SRCDIR/corpus/powercenter/m_mapplets.XML"
test -s outdir/m_source_qualifier.XML.ast.yaml && test -s outdir/m_mapplets.XML.ast.yaml &&
	pass "-o DIR gets one output per input" || fail "-o DIR gets one output per input"
run 0 "--format json -o DIR" inspect --format json -o outdir "$ex"
test -s outdir/m_source_qualifier.XML.ast.json && pass "json outputs end in .ast.json" || fail "json outputs end in .ast.json"

# A bad input among good ones: the good ones still get their result.
printf '' >empty.XML
mkdir outdir2
run 1 "a bad file among good ones exits 1" inspect -o outdir2 "$ex" empty.XML
test -s outdir2/m_source_qualifier.XML.ast.yaml && pass "the good file still has its output" ||
	fail "the good file still has its output"
test ! -e outdir2/empty.XML.ast.yaml && pass "the bad file has no output" || fail "the bad file has no output"
contains "the bad file is named in a summary line" err.txt "empty.XML: 1 error"

# Atomic output: an existing file is not touched when the run fails.
echo "previous result" >keep.yaml
run 1 "failing run with -o" inspect -o keep.yaml empty.XML
if [ "$(cat keep.yaml)" = "previous result" ]; then pass "a failing run leaves the old output untouched"; else fail "a failing run leaves the old output untouched"; fi
ls -a | grep -q 'keep.yaml.tmp' && fail "no temporary file is left" || pass "no temporary file is left"
# Unwritable destination: an I/O error, reported.
run 3 "unwritable output" inspect -o /proc/akko-cannot-write.yaml "$ex"
contains "an unwritable output is an E0006 error" err.txt "[E0006]"

# A PowerCenter export is converted a unit at a time (folders joined by
# shortcuts); with a parameter file it is read whole.  Both give the same
# bytes: an export of three folders (gen-big-export.sh repeats one), one
# whose first folder's shortcuts point to the second, and one of 120
# folders (5 MB: over 4 MB, the parser and the emitter run in threads).
sh "$AKKO_SRCDIR/tests/bench/gen-big-export.sh" "$ex" 3 >three.XML
sh "$AKKO_SRCDIR/tests/bench/gen-big-export.sh" "$AKKO_SRCDIR/corpus/powercenter/m_transformations.XML" 120 >many.XML
: >empty.par
# no folder at all; a workflow and no mapping ("pipelines: []")
printf '<?xml version="1.0"?>\n<POWERMART><REPOSITORY NAME="R"></REPOSITORY></POWERMART>\n' >nofolder.XML
printf '<?xml version="1.0"?>\n<POWERMART><REPOSITORY NAME="R"><FOLDER NAME="F"><WORKFLOW NAME="wf"><TASK NAME="Start" TYPE="Start"/><TASKINSTANCE NAME="Start" TASKNAME="Start" TASKTYPE="Start"/></WORKFLOW></FOLDER><FOLDER NAME="G"/></REPOSITORY></POWERMART>\n' >wfonly.XML
for f in three.XML "$AKKO_SRCDIR/corpus/powercenter/m_shortcuts.XML" many.XML nofolder.XML wfonly.XML; do
	b=$(basename "$f" .XML)
	"$AKKO_BIN" "$f" -o "$b.units.yaml" --format json >"$b.units.json" 2>"$b.units.err"
	"$AKKO_BIN" "$f" -p empty.par -o "$b.whole.yaml" --format json >"$b.whole.json" 2>"$b.whole.err"
	check "$b: unit by unit, the YAML is the whole document's" cmp -s "$b.units.yaml" "$b.whole.yaml"
	sed 's/"output":"[^"]*"//' "$b.units.json" >a.json
	sed 's/"output":"[^"]*"//' "$b.whole.json" >b.json
	check "$b: unit by unit, the JSON summary is the whole document's" cmp -s a.json b.json
	check "$b: unit by unit, the diagnostics are the whole document's" cmp -s "$b.units.err" "$b.whole.err"
done
check "three folders give three pipelines" test "$(grep -c '^- name:' three.units.yaml)" = 3
check "120 folders give 120 pipelines" test "$(grep -c '^- name:' many.units.yaml)" = 120
# Exports cut inside a later folder: the folders before were converted (a
# small export in memory, a large one through scratch files beside the
# output), but nothing is written, the old output stays and no scratch file
# is left.
for f in three many; do
	mkdir -p "cut_$f" && echo "previous result" >"cut_$f/out.yaml"
	head -c "$(($(wc -c <$f.XML) * 5 / 6))" $f.XML >cut.XML
	run 1 "$f: an export cut in a later unit fails" cut.XML -o "cut_$f/out.yaml"
	contains "$f: the cut export says it looks truncated" err.txt "it looks truncated"
	check "$f: the cut export leaves the old output untouched" test "$(cat cut_$f/out.yaml)" = "previous result"
	check "$f: the cut export leaves no scratch file" test "$(ls -A cut_$f)" = out.yaml
done
rm -f many.* cut.XML

# A DataStage export of 4 MB or more is converted a job at a time (two
# passes: datastage.c, "reading unit by unit"); AKKO_UNITS=whole reads it
# whole, AKKO_UNITS=units reads any size so.  Both give the same YAML and
# JSON summary, and the same diagnostics (in another order: the first
# pass says what it reads first): on 5 MB exports made from the shared
# corpus's real jobs (XML and .dsx), and on every DataStage case of the
# project's corpus.
ds_same() { # label file
	AKKO_UNITS=$3 "$AKKO_BIN" "$2" -o ds.units.yaml --format json >ds.units.json 2>ds.units.err
	AKKO_UNITS=whole "$AKKO_BIN" "$2" -o ds.whole.yaml --format json >ds.whole.json 2>ds.whole.err
	check "$1: job by job, the YAML is the whole document's" cmp -s ds.units.yaml ds.whole.yaml
	sed 's/"output":"[^"]*"//' ds.units.json >a.json
	sed 's/"output":"[^"]*"//' ds.whole.json >b.json
	check "$1: job by job, the JSON summary is the whole document's" cmp -s a.json b.json
	LC_ALL=C sort ds.units.err >a.err
	LC_ALL=C sort ds.whole.err >b.err
	check "$1: job by job, the diagnostics are the whole document's" cmp -s a.err b.err
}
for f in "$AKKO_SRCDIR"/corpus/datastage/*.dsx "$AKKO_SRCDIR"/corpus/datastage/*.xml; do
	ds_same "$(basename "$f")" "$f" units
done
# Sections side by side on one line cannot be read again alone: the file
# is read whole (one unit), and says exactly what the whole reading says.
tr -d '\n' <"$AKKO_SRCDIR/corpus/datastage/seq_all_xml.xml" >ds_oneline.xml
ds_same "two jobs on one line" ds_oneline.xml units
check "two jobs on one line: the diagnostics in the same order" cmp -s ds.units.err ds.whole.err
rm -f ds_oneline.xml
if dsc=$(shared_corpus) && [ -d "$dsc/datastage" ]; then
	sh "$AKKO_SRCDIR/tests/bench/gen-ds-export.sh" "$dsc/datastage" dsgen 5
	for f in dsgen/bench.xml dsgen/bench.dsx; do
		ds_same "$f (5 MB)" "$f" ""
		check "$f (5 MB): several pipelines" test "$(grep -c '^- name:' ds.units.yaml)" -gt 5
		# cut inside a job: nothing written, the old output kept, no scratch file
		mkdir -p ds_cut && echo "previous result" >ds_cut/out.yaml
		head -c "$(($(wc -c <$f) * 5 / 6))" $f >ds_cut.${f##*.}
		run 1 "$f: an export cut inside a job fails" ds_cut.${f##*.} -o ds_cut/out.yaml
		check "$f: the cut export leaves the old output untouched" test "$(cat ds_cut/out.yaml)" = "previous result"
		check "$f: the cut export leaves no scratch file" test "$(ls -A ds_cut)" = out.yaml
		AKKO_UNITS=whole "$AKKO_BIN" ds_cut.${f##*.} -o ds_cut/whole.yaml 2>b.err >/dev/null || true
		LC_ALL=C sort err.txt >a.err
		LC_ALL=C sort b.err >c.err
		check "$f: the cut export says what the whole reading says" cmp -s a.err c.err
	done
	rm -rf dsgen ds_cut ds_cut.* ds.*
else
	skip "DataStage exports of 5 MB, job by job" "no shared corpus beside the project"
fi

# The exit codes in the help are the documented ones.
"$AKKO_BIN" --help >help.txt
for code in "0   success" "1   an input has errors" "2   bad command line" "3   an input could not be read" "4   conversion finished" "5   the output directory is in use" "70  internal error"; do
	contains "--help documents exit code '${code%% *}'" help.txt "$code"
done
doc="$AKKO_SRCDIR/docs/exit-codes.md"
if [ -f "$doc" ]; then
	for c in 0 1 2 3 4 5 70; do
		grep -q "^| $c " "$doc" && pass "docs/exit-codes.md documents $c" || fail "docs/exit-codes.md documents $c"
	done
else
	fail "docs/exit-codes.md exists"
fi
# Every diagnostic code is documented, with its current severity and hint.
"$AKKO_BIN" help diagnostics >diags.txt
missing=0
while IFS= read -r row; do
	grep -qxF -- "$row" "$AKKO_SRCDIR/docs/diagnostics.md" || { missing=1; echo "#   not in docs/diagnostics.md: $row"; }
done <diags.txt
[ $missing = 0 ] && pass "docs/diagnostics.md lists every code as 'help diagnostics' does" ||
	fail "docs/diagnostics.md lists every code as 'help diagnostics' does"
# SSIS packages, Alteryx workflows and DataStage exports are read
# (inspect) and converted: the output validates.
for case in "an SSIS package:ssis/df_sales.dtsx" "an Alteryx workflow:alteryx/wf_tools.yxmd" \
	"a DataStage export:datastage/par_transformer.dsx"; do
	what=${case%%:*} f="$AKKO_SRCDIR/corpus/${case#*:}"
	run 0 "inspect reads $what" inspect "$f"
	rm -f conv.yaml
	"$AKKO_BIN" "$f" -o conv.yaml 2>err.txt
	rc=$?
	check "converting $what exits 0 or 4 (got $rc)" test "$rc" = 0 -o "$rc" = 4
	run 0 "the pipeline of $what validates" validate conv.yaml
done
ayx="$AKKO_SRCDIR/corpus/alteryx/wf_tools.yxmd"
# DataStage exports are read (inspect) and converted; a sequence-only export
# gives the orchestration section, and the output validates.
seqf="$AKKO_SRCDIR/corpus/datastage/seq_all.dsx"
run 0 "inspect reads a DataStage sequence" inspect "$seqf"
rm -f seq.yaml
"$AKKO_BIN" "$seqf" -o seq.yaml 2>err.txt
rc=$?
check "converting a DataStage sequence exits 0 or 4 (got $rc)" test "$rc" = 0 -o "$rc" = 4
run 0 "the DataStage sequence's output validates" validate seq.yaml
check "the sequence becomes a workflow of the orchestration section" grep -q '^  - name: seq_all$' seq.yaml
# the documented semantics, each written from IBM's pages (docs/rules.md,
# "DataStage sequences"): Otherwise is followed when no other trigger is;
# the Sequencer in Any mode joins with any; a numeric loop counts From to
# To inclusive by Step; the body names its loop; a job parameter set to
# $PROJDEF passes no value; Validate only does not run the job; a
# parameter-set member keeps its value file
check "an Otherwise trigger is an otherwise dependency" grep -q "{task: check_file, 'on': completion, otherwise: true}" seq.yaml
check "a Sequencer in Any mode joins any" sh -c "grep -A6 'id: sync' seq.yaml | grep -q 'join: any'"
check "a numeric loop runs while the counter is at most To" grep -q "condition: current_setting('akko.loop_files__counter')::integer <= current_setting('akko.set_vars_file_count')::integer" seq.yaml
check "a numeric loop adds Step after each iteration" grep -q "value: 'current_setting(''akko.loop_files__counter'')::integer + 1'" seq.yaml
check "the loop body names its loop" sh -c "grep -A8 'id: job_load' seq.yaml | grep -q 'parent: loop_files'"
check "a task after the End Loop waits for the loop" grep -q "{task: loop_files, 'on': completion}" seq.yaml
check "a list loop keeps its values and delimiter" sh -c "grep -q 'Delimited values=EU|US|APAC' seq.yaml && grep -q 'Delimiter=|' seq.yaml"
check "\$PROJDEF passes no value" grep -q '{variable: $APT_CONFIG_FILE, setting: akko.apt_config_file, source: $PROJDEF}' seq.yaml
check "Validate only is run_mode validate, for review" sh -c "grep -A14 'id: job_child' seq.yaml | grep -q 'run_mode: validate'"
check "the Exception Handler's activities run in it" sh -c "grep -A10 'id: log_err' seq.yaml | grep -q 'parent: exc'"
check "a parameter-set member keeps its value file" grep -q "{value: dw_night, file: null, line: [0-9]*, section: nightly}" seq.yaml
check "an encrypted member is sensitive, without default" sh -c "grep -A8 'name: PS_LOAD.DB_PWD' seq.yaml | grep -q 'sensitive: true' && ! grep -A8 'name: PS_LOAD.DB_PWD' seq.yaml | grep -q default"
check "no encrypted value is printed" sh -c "! grep -q iisenc seq.yaml"
# the same sequence written as DSExport XML converts to the same workflows
# (one builder, one rule set), once lines and the file's name and hash are left out
"$AKKO_BIN" "$AKKO_SRCDIR/corpus/datastage/seq_all_xml.xml" -o seqx.yaml 2>/dev/null
strip_pl() { sed -e 's/line: [0-9]*//g' -e '/^  file:/d' -e '/^  sha256:/d' "$1"; }
strip_pl seq.yaml >seq.norm
strip_pl seqx.yaml >seqx.norm
check "seq_all .dsx and .xml give the same orchestration" cmp -s seq.norm seqx.norm
# the summary counts the control flows and their activities: seq_all has 19
# activities (V0S1..V0S19), seq_child one
"$AKKO_BIN" -f json "$seqf" >seq.json 2>/dev/null
check "the JSON summary counts 2 sequences and 20 activities" grep -q '"workflows":2,"sessions":0,"tasks":20}' seq.json
dsx="$AKKO_SRCDIR/corpus/datastage/par_transformer.dsx"
# The same job written as .dsx and as DSExport XML gives the same AST
# (one builder): the dumps agree once positions, the file name and the
# format prop are left out.
strip_ds() { grep -v -e '^file:' -e 'name: format' "$1" | sed -e 's/at: "[0-9:]*"//g' -e 's/def_at: [0-9]*//g' -e 's/line: [0-9]*//g' -e 's/, *}/}/g' -e 's/{ *, */{/g'; }
"$AKKO_BIN" inspect "$dsx" >dsx.ast 2>/dev/null
"$AKKO_BIN" inspect "$AKKO_SRCDIR/corpus/datastage/par_transformer_xml.xml" >dsxml.ast 2>/dev/null
strip_ds dsx.ast >dsx.norm
strip_ds dsxml.ast >dsxml.norm
if cmp -s dsx.norm dsxml.norm; then pass "par_transformer .dsx and .xml give the same AST"; else
	fail "par_transformer .dsx and .xml give the same AST"
	diff dsx.norm dsxml.norm | head -20 | sed 's/^/#   /'
fi

# Alteryx macros (docs/alteryx.md "Macros"): -I names a directory; -I
# directories are searched in the order given; an absolute POSIX path is
# used as written.  (The golden cases in corpus/alteryx cover relative,
# -I, by-file-name, missing, nested, cyclic, batch and iterative macros.)
run 2 "-I needs an existing directory (inspect)" inspect -I no-such-dir "$ayx"
contains "the -I error names the directory" err.txt "-I needs a directory, and 'no-such-dir' is not one"
run 2 "-I needs an existing directory (convert)" convert -I no-such-dir "$ayx"
mkdir -p mac/first mac/second
lib="$AKKO_SRCDIR/corpus/alteryx/macro_lib/Lib/mx_upper.yxmc"
sed 's|<Name>mx_upper<|<Name>first_upper<|' "$lib" >mac/first/up.yxmc
sed 's|<Name>mx_upper<|<Name>second_upper<|' "$lib" >mac/second/up.yxmc
sed 's|Macro="Lib\\MX_Upper"|Macro="up"|' "$AKKO_SRCDIR/corpus/alteryx/wf_macro_include.yxmd" >mac/wf.yxmd
run 0 "a macro found through the second -I" inspect -I mac/second -I mac/first mac/wf.yxmd
contains "the first -I directory that has it wins" out.txt "mapplet: second_upper, file: mac/second/up.yxmc"
run 0 "a macro found through the first -I" inspect -I mac/first -I mac/second mac/wf.yxmd
contains "-I directories are searched in order" out.txt "mapplet: first_upper, file: mac/first/up.yxmc"
run 0 "a macro not found without -I" inspect mac/wf.yxmd
contains "without -I the macro is a placeholder (W1107)" err.txt "[W1107]"
sed "s|Macro=\"up\"|Macro=\"$PWD/mac/first/up.yxmc\"|" mac/wf.yxmd >mac/wf_abs.yxmd
run 0 "a macro by absolute path" inspect mac/wf_abs.yxmd
contains "an absolute path is used as written" out.txt "mapplet: first_upper, file: \"$PWD/mac/first/up.yxmc\""
sed "s|Macro=\"up\"|Macro=\"$PWD/MAC/First/UP\"|" mac/wf.yxmd >mac/wf_case.yxmd
run 0 "a macro by absolute path written in another case, without extension" inspect mac/wf_case.yxmd
contains "names match without regard to case, .yxmc is added" out.txt "mapplet: first_upper, file: \"$PWD/mac/first/up.yxmc\""
"$AKKO_BIN" convert -I mac/first mac/wf.yxmd -o mac/wf.yaml >/dev/null 2>err.txt
rc=$?
check "convert takes -I (exit $rc, not a usage error)" test "$rc" != 2

# Inputs the SSIS and Alteryx fuzz targets (tests/fuzz/fuzz_ssis.c,
# fuzz_alteryx.c) once crashed on: each must now give a clean exit (0 or
# 1, never a signal or an internal error) and no sanitizer report.
for f in "$AKKO_SRCDIR"/tests/fuzz/ssis-crashes/* "$AKKO_SRCDIR"/tests/fuzz/alteryx-crashes/* \
	"$AKKO_SRCDIR"/tests/fuzz/datastage-crashes/*; do
	[ -f "$f" ] || continue
	case $f in *.md) continue ;; esac
	"$AKKO_BIN" inspect "$f" >out.txt 2>err.txt
	rc=$?
	name="fuzz reproducer $(basename "$f")"
	check "$name exits cleanly (got $rc)" test "$rc" = 0 -o "$rc" = 1
	if grep -qE 'AddressSanitizer|runtime error|LeakSanitizer' err.txt; then fail "$name: no sanitizer report"; else
		pass "$name: no sanitizer report"
	fi
done
echo "# suite done"

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

#!/bin/sh
# corpus.sh - the real-corpus check.  When ../shared/corpus is present:
# every PowerCenter export there is read with no error, and its object
# counts (akko-migrate inspect --stats) equal the counts xmllint's XPath
# takes from the XML (tests/corpus/count-powercenter.sh), which must also
# equal the committed expectations in tests/corpus/powercenter-counts.tsv;
# every SSIS package is read, its counts checked the same way, converted,
# and its output validates; every Alteryx file is read and its tools and
# connections counted the same way (below).
. "$(dirname "$0")/lib.sh"

fields="mappings mapplets transformations instances connectors sources targets sessions workflows worklets task_instances links shortcuts"
expect="$AKKO_SRCDIR/tests/corpus/powercenter-counts.tsv"

corpus=$(shared_corpus) || {
	skip "real PowerCenter, SSIS and Alteryx corpus (counts; every SSIS output converted and validated)" "../shared/corpus is not beside the project"
	echo "# suite done"
	exit 0
}
dir="$corpus/powercenter"
have_xmllint=1
command -v xmllint >/dev/null 2>&1 || have_xmllint=0
[ $have_xmllint = 1 ] || skip "independent xmllint counts" "xmllint is not installed (apt-get install libxml2-utils)"

tab=$(printf '\t')
n=0
for file in "$dir"/*; do
	[ -f "$file" ] || continue
	case "$file" in */MANIFEST.tsv) continue ;; esac
	base=$(basename "$file")
	n=$((n + 1))
	err="$TESTS_OUT/corpus-$n.err"
	stats=$("$AKKO_BIN" inspect --stats "$file" 2>"$err")
	rc=$?
	# A deliberately odd file (look-alike, empty, broken XML) is not an
	# export: the right result is a clear, coded error and exit 1.
	if [ $have_xmllint = 1 ] && [ "$(xmllint --nonet --xpath 'count(/POWERMART)' "$file" 2>/dev/null)" != 1 ]; then
		if [ $rc -eq 1 ] && grep -q ': error: .*\[E0[0-9]*\]' "$err"; then
			pass "corpus $base (not a POWERMART export) is rejected with a coded error"
		else
			fail "corpus $base (not a POWERMART export) is rejected with a coded error (exit $rc)"
			show "$err" 8
		fi
		continue
	fi
	if [ $rc -ne 0 ] || grep -q ': error:' "$err"; then
		fail "corpus $base is read without error (exit $rc)"
		show "$err" 12
		continue
	fi
	got=$(printf '%s\n' "$stats" | awk -F': ' -v f="$fields" '
		BEGIN { n = split(f, k, " ") }
		{ v[$1] = $2 }
		END { for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? "\t" : ""), v[k[i]]; print "" }')
	want=$(awk -F"$tab" -v b="$base" '$1 == b { sub(/^[^\t]*\t/, ""); print; exit }' "$expect")
	if [ $have_xmllint = 1 ]; then
		live=$(sh "$AKKO_SRCDIR/tests/corpus/count-powercenter.sh" "$file" | tail -n 1 | cut -f2-)
		if [ -n "$want" ] && [ "$live" != "$want" ]; then
			fail "corpus $base: committed expectations equal xmllint's counts"
			echo "#   committed: $want"
			echo "#   xmllint:   $live"
		fi
		[ -n "$want" ] || want=$live
	fi
	if [ -z "$want" ]; then
		fail "corpus $base has expected counts (add it to tests/corpus/powercenter-counts.tsv)"
	elif [ "$got" = "$want" ]; then
		pass "corpus $base counts equal the independent counts"
	else
		fail "corpus $base counts equal the independent counts"
		echo "#   fields:   $fields"
		echo "#   expected: $want"
		echo "#   got:      $got"
	fi
done
[ $n -gt 0 ] || fail "the PowerCenter corpus at $dir holds files"

# SSIS: every package in ../shared/corpus/ssis is read with no error and no
# crash, and its executables (tasks and containers, event handlers'
# included), data flows and components equal what xmllint counts: every
# DTS:Executable but the root and the v2/v3 IDREF references inside
# precedence constraints, every <pipeline>, every <component>.
# converts TOOL BASE FILE OUT ERR: FILE converts (exit 0, or 4 under a
# failed gate), a second time to the same bytes, and OUT validates; returns
# 1 when it does not convert, 2 when its output does not validate.
converts() {
	"$AKKO_BIN" "$3" -o "$4" >/dev/null 2>"$5"
	_rc=$?
	if [ $_rc -ne 0 ] && [ $_rc -ne 4 ]; then
		fail "corpus $1/$2 converts (exit $_rc)"
		show "$5" 12
		return 1
	fi
	"$AKKO_BIN" "$3" -o "$4.again" >/dev/null 2>&1
	check "corpus $1/$2: a second conversion gives the same bytes" cmp -s "$4" "$4.again"
	if "$AKKO_BIN" validate "$4" >/dev/null 2>"$5"; then
		pass "corpus $1/$2: the output validates"
		return 0
	fi
	fail "corpus $1/$2: the output validates"
	show "$5" 12
	return 2
}

sdir="$corpus/ssis"
files=0 tasks=0 flows=0 comps=0 paths=0 converted=0
for file in "$sdir"/*.dtsx; do
	[ -f "$file" ] || continue
	base=$(basename "$file")
	files=$((files + 1))
	err="$TESTS_OUT/corpus-ssis-$files.err"
	stats=$("$AKKO_BIN" inspect --stats "$file" 2>"$err")
	rc=$?
	if [ $rc -ne 0 ] || grep -q ': error:' "$err"; then
		fail "corpus ssis/$base is read without error (exit $rc)"
		show "$err" 12
		continue
	fi
	got=$(printf '%s\n' "$stats" | awk -F': ' '{ v[$1] = $2 } END { print v["task_instances"] " " v["flows"] " " v["steps"] }')
	set -- $got
	tasks=$((tasks + $1)) flows=$((flows + $2)) comps=$((comps + $3))
	if [ $have_xmllint = 1 ]; then
		live="$(xmllint --nonet --xpath "count(//*[local-name()='Executable'][not(@IDREF)]) - 1" "$file") $(xmllint --nonet --xpath "count(//*[local-name()='pipeline'])" "$file") $(xmllint --nonet --xpath "count(//*[local-name()='component'])" "$file")"
		paths=$((paths + $(xmllint --nonet --xpath "count(//*[local-name()='path'])" "$file")))
		if [ "$got" = "$live" ]; then
			pass "corpus ssis/$base: executables, data flows, components equal xmllint's counts ($got)"
		else
			fail "corpus ssis/$base: executables, data flows, components equal xmllint's counts"
			echo "#   xmllint: $live"
			echo "#   got:     $got"
		fi
	else
		pass "corpus ssis/$base is read without error"
	fi
	# converted (exit 0, or 4 under a failed gate), the output validates, and
	# every executable and event handler is a task of the orchestration
	out="$TESTS_OUT/corpus-ssis-$files.yaml"
	converts ssis "$base" "$file" "$out" "$err"
	case $? in
	0) converted=$((converted + 1)) ;;
	1) continue ;;
	esac
	if [ $have_xmllint = 1 ]; then
		want=$(($(xmllint --nonet --xpath "count(//*[local-name()='Executable'][not(@IDREF)]) - 1 + count(//*[local-name()='EventHandler'])" "$file")))
		got=$(sed -n '/^orchestration:/,$p' "$out" | grep -c '^    - id: ')
		check "corpus ssis/$base: $want executables and event handlers are tasks (got $got)" test "$got" = "$want"
	fi
done
if [ $files -gt 0 ]; then
	echo "# ssis corpus: $files packages read; $tasks executables, $flows data flows, $comps components${paths:+ ($paths paths by xmllint)}; $converted of $files outputs validate"
else
	skip "real SSIS corpus" "$sdir holds no .dtsx"
fi

# read_counted TOOL FILE FIELDS: FILE is read with no error (inspect
# --stats; a failure otherwise) and $counted is set to the stats FIELDS
# (an awk print list over v["name"]).  compare_counts TOOL FILE WHAT LIVE:
# $counted equals LIVE, the counts an independent tool took from the text.
read_counted() {
	files=$((files + 1))
	err="$TESTS_OUT/corpus-$1-$files.err"
	stats=$("$AKKO_BIN" inspect --stats "$2" 2>"$err")
	rc=$?
	if [ $rc -ne 0 ] || grep -q ': error:' "$err"; then
		fail "corpus $1/$(basename "$2") is read without error (exit $rc)"
		show "$err" 12
		return 1
	fi
	counted=$(printf '%s\n' "$stats" | awk -F': ' "{ v[\$1] = \$2 } END { print $3 }")
}
compare_counts() {
	if [ "$counted" = "$4" ]; then
		pass "corpus $1/$(basename "$2"): $3 equal the independent counts ($counted)"
	else
		fail "corpus $1/$(basename "$2"): $3 equal the independent counts"
		echo "#   independent: $4"
		echo "#   got:         $counted"
	fi
}

# Alteryx: every workflow, macro and app in ../shared/corpus/alteryx is
# read with no error and no crash, and its tools and connections equal
# what xmllint counts: every <Node> under <Nodes> (Tool Containers'
# children included) and every <Connection> under <Connections> (a Test
# tool's <Connection> setting is not one); each converts, twice to the
# same bytes, and its output validates.
adir="$corpus/alteryx"
files=0 tools=0 conns=0 aconverted=0
for file in "$adir"/*.yxmd "$adir"/*.yxmc "$adir"/*.yxwz; do
	[ -f "$file" ] || continue
	read_counted alteryx "$file" 'v["steps"], v["edges"]' || continue
	set -- $counted
	tools=$((tools + $1)) conns=$((conns + $2))
	if [ $have_xmllint = 1 ]; then
		compare_counts alteryx "$file" "tools and connections" \
			"$(xmllint --nonet --xpath "count(/AlteryxDocument/Nodes//Node)" "$file") $(xmllint --nonet --xpath "count(/AlteryxDocument/Connections/Connection)" "$file")"
	else
		pass "corpus alteryx/$(basename "$file") is read without error"
	fi
	# converted (exit 0, or 4 under a failed gate), byte-identical a second
	# time, and the output validates
	out="$TESTS_OUT/corpus-alteryx-$files.yaml"
	converts alteryx "$base" "$file" "$out" "$err" && aconverted=$((aconverted + 1))
done
if [ $files -gt 0 ]; then
	echo "# alteryx corpus: $files files read; $tools tools, $conns connections; $aconverted of $files outputs validate"
else
	skip "real Alteryx corpus" "$adir holds no .yxmd, .yxmc or .yxwz"
fi
# DataStage: every .dsx and DSExport XML file of ../shared/corpus/datastage
# is read with no error and no crash (inspect exits 0), and its jobs,
# stages and links equal what tests/corpus/count-datastage.sh counts from
# the text with awk and xmllint: parallel and server jobs against the
# AST's flows, stages (and sequence activities) against its steps and
# task instances, links against its edges (one per column of the link:
# counted once per link, by the link's position) and triggers.
ddir="$corpus/datastage"
files=0 jobs=0 stages=0 links=0 dconverted=0
for file in "$ddir"/*.dsx "$ddir"/*.xml; do
	[ -f "$file" ] || continue
	read_counted datastage "$file" 'v["flows"] + 0, v["task_instances"], v["links"]' || continue
	set -- $counted
	# a stage is one step, or two at one position (a Transformer whose
	# links are routed: its derive step); a link one edge per column, or
	# none (the derive step's edges have no link name)
	_dl=$("$AKKO_BIN" inspect -f json "$file" 2>/dev/null | ${PYTHON:-python3} -c 'import json, sys
d = json.load(sys.stdin)
fls = [fl for f in d.get("folders", []) for fl in f.get("flows", [])]
print(len({(fl["name"], s.get("at")) for fl in fls for s in fl.get("steps", [])}),
      len({(e.get("line"), e.get("name")) for fl in fls for e in fl.get("edges", []) if not e.get("scope") and e.get("name")}))')
	set -- $1 $(($2 + ${_dl%% *})) $(($3 + ${_dl##* }))
	counted="$1 $2 $3"
	jobs=$((jobs + $1)) stages=$((stages + $2)) links=$((links + $3))
	case $file in *.xml) need=$have_xmllint ;; *) need=1 ;; esac
	if [ $need = 1 ]; then
		compare_counts datastage "$file" "jobs, stages and links" "$(sh "$AKKO_SRCDIR/tests/corpus/count-datastage.sh" "$file")"
	else
		pass "corpus datastage/$(basename "$file") is read without error"
	fi
	# converted (exit 0, or 4 under a failed gate), byte-identical a second
	# time, and the output validates
	out="$TESTS_OUT/corpus-datastage-$files.yaml"
	converts datastage "$(basename "$file")" "$file" "$out" "$err" && dconverted=$((dconverted + 1))
done
if [ $files -gt 0 ]; then
	echo "# datastage corpus: $files files read; $jobs jobs, $stages stages, $links links; $dconverted of $files outputs validate"
else
	skip "real DataStage corpus" "$ddir holds no .dsx or .xml"
fi
# Alteryx macros (docs/alteryx.md): how many macro references of the
# corpus resolve.  Its files are named <owner>__<repo>__<name>, so a
# reference as written ("Cleanse.yxmc", "..\\Macros\\X.yxmc") finds none
# of them; the repositories' trees are rebuilt from MANIFEST.tsv as
# symlinks (repo/path -> the corpus file; nothing copied) and each file is
# read from there with no -I, as a user reads a checkout, so a relative
# reference resolves as in the original repository.  Every file must
# still be read without error; the counts are the result.
adir="$corpus/alteryx"
links="$TESTS_OUT/corpus-alteryx-macros"
rm -rf "$links" && mkdir -p "$links/tree"
[ -f "$adir/MANIFEST.tsv" ] && tail -n +2 "$adir/MANIFEST.tsv" | while IFS='	' read -r lname repo path rest; do
	case "/$path/" in */../*) continue ;; esac
	[ -f "$adir/$lname" ] && [ -n "$repo" ] && [ -n "$path" ] || continue
	mkdir -p "$links/tree/$repo/$(dirname "$path")"
	ln -sf "$adir/$lname" "$links/tree/$repo/$path"
done
refs=0 stock=0 expanded=0 byname=0 missing=0 batch=0 iter=0 other=0 bad=0
for file in "$adir"/*.yxmd "$adir"/*.yxmc "$adir"/*.yxwz; do
	[ -f "$file" ] || continue
	[ $have_xmllint = 1 ] && refs=$((refs + $(xmllint --nonet --xpath "count(//EngineSettings[@Macro or @EngineDll='Macro'])" "$file")))
	# its place in the rebuilt tree (the corpus file itself without a manifest row)
	src=$(awk -F'\t' -v l="$(basename "$file")" '$1 == l { print $2 "/" $3; exit }' "$adir/MANIFEST.tsv" 2>/dev/null)
	if [ -n "$src" ] && [ -e "$links/tree/$src" ]; then src="$links/tree/$src"; else src=$file; fi
	"$AKKO_BIN" inspect "$src" >"$links.out" 2>"$links.err" || {
		bad=$((bad + 1))
		fail "corpus alteryx/$(basename "$file") is read from its repository's tree (macros expanded) without error"
		show "$links.err" 8
		continue
	}
	own() { grep -F "$src:" "$links.err" | grep -c "\[$1\]"; }
	stock=$((stock + $(grep -c "orig_kind: Data Cleansing" "$links.out")))
	expanded=$((expanded + $(sed -n '/^        expansions:/,/^        [a-z]/p' "$links.out" | grep '{instance:' | grep -vc 'scope:')))
	byname=$((byname + $(own N1108))) missing=$((missing + $(own W1107)))
	batch=$((batch + $(own W1112))) iter=$((iter + $(own W1113)))
	other=$((other + $(own W1109) + $(own W1117)))
done
[ $bad = 0 ] && pass "corpus alteryx: every file is read from its repository's tree (macros expanded) without error"
echo "# alteryx macros: $refs references; from the repositories' rebuilt trees, no -I: $expanded expanded ($byname of them found by file name), $batch batch and $iter iterative placeholders, $missing not found, $other unusable; $stock Data Cleansing tools (a stock tool, not looked up; counted inside expansions too)"

# Alteryx: every formula of ../shared/corpus/alteryx (Formula, Filter,
# Multi-Row Formula, Multi-Field Formula, Generate Rows; extracted with
# ElementTree, not the frontend) parses, but the one broken IIF of
# CubicSpline.yxmd, which gets a located E0501; the counts are printed.
adir="$corpus/alteryx"
set -- "$adir"/*.yx*
if [ -f "$1" ]; then
	out="$TESTS_OUT/corpus-alteryx-exprs.txt"
	if ${PYTHON:-python3} "$AKKO_SRCDIR/tests/corpus/alteryx-exprs.py" --syntax-errors 1 "$AKKO_BIN" "$@" >"$out" 2>&1; then
		pass "corpus alteryx: every formula parses but the broken IIF ($(sed -n 's/^parse: //p' "$out"))"
	else
		fail "corpus alteryx: every formula parses but the broken IIF"
		show "$out"
	fi
	sed -n 's/^\(translate: .*\)/# alteryx formulas: \1/p' "$out"
else
	skip "real Alteryx corpus" "$adir holds no .yxmd"
fi
# DataStage: every parallel Transformer derivation, constraint and stage
# variable of ../shared/corpus/datastage (extracted from the .dsx records
# and the DSExport XML by tests/corpus/datastage-exprs.py, not the
# frontend) parses, but the 40 of the engczc template file whose link
# names hold #PLACEHOLDER# text (LnRd#SHORTNAME#.X), which get a located
# E0501; the counts are printed.
ddir="$corpus/datastage"
set -- "$ddir"/*.dsx "$ddir"/*.xml
if [ -f "$1" ]; then
	out="$TESTS_OUT/corpus-datastage-exprs.txt"
	if ${PYTHON:-python3} "$AKKO_SRCDIR/tests/corpus/datastage-exprs.py" --syntax-errors 40 "$AKKO_BIN" "$@" >"$out" 2>&1 &&
		! grep -q "syntax error: [^e]" "$out"; then
		pass "corpus datastage: every derivation parses but the template's placeholders ($(sed -n 's/^parse: //p' "$out"))"
	else
		fail "corpus datastage: every derivation parses but the template's placeholders"
		show "$out"
	fi
	sed -n 's/^\(translate: .*\)/# datastage derivations: \1/p' "$out"
else
	skip "real DataStage corpus" "$ddir holds no .dsx or .xml"
fi
echo "# suite done"

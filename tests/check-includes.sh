#!/bin/sh
# check-includes.sh - module boundaries (STYLE.md), derived from the folders
# of src/: every folder is a layer of the table below, every .c and .h file
# in it (subfolders included: src/expr/lang/<language>/ is expr) is checked,
# and a folder the table does not know fails, so none slips through.
#
# A layer includes its own headers and those of lower layers, never a
# higher one nor a sibling of its rank (parsers and expr; validate, emit
# and llm, which the driver wires together through RulesOptions).
. "$(dirname "$0")/lib.sh"
src="$AKKO_SRCDIR/src"

# FOLDER RANK [ONLY]: ONLY narrows what the folder may include to the
# layers listed (comma-separated): src/report reads results, never jobs;
# src/llm reads the rule engine's fallback request, never a frontend.
layers='
base     0
ast      1
parsers  2
expr     2
rules    3
validate 4
emit     4
llm      4 base,ast,expr,rules
report   5 base
driver   6
bulk     7
cli      8
'
# PATTERN FOLDERS NAME: a third-party header only FOLDERS may include.
# libyaml: the validator reads pipeline YAML, the report its effort config;
# cJSON: libpg_query's parse tree is JSON, results.jsonl too.  cli, driver
# and bulk are in no list: they include no third-party header.
third_party='
libxml/      parsers              libxml2
yaml\.h      emit,validate,report libyaml
curl/        llm                  libcurl
cjson/|cJSON llm,validate,report  cJSON
pg_query     validate             libpg_query
'

# in_list WORD LIST: LIST is comma-separated
in_list() { case ",$2," in *",$1,"*) return 0 ;; esac; return 1; }

# includes DIR PATTERN: the #include lines of DIR's sources matching PATTERN
# (after any "../")
includes() {
	grep -rnE --include='*.c' --include='*.h' "#include [<\"](\.\./)*($2)" "$src/$1" 2>/dev/null
}

# expect_none LABEL HITS
expect_none() {
	if [ -z "$2" ]; then pass "$1"; else
		fail "$1"
		echo "$2" | sed 's/^/#   /'
	fi
}

# Every folder and file of src/ belongs to a layer.
known=$(echo "$layers" | awk 'NF { print $1 }')
for path in "$src"/*; do
	name=${path##*/}
	if [ -d "$path" ]; then
		if echo "$known" | grep -qx "$name"; then pass "src/$name is a layer"; else
			fail "src/$name is a layer"
			echo "#   add it to the table in tests/check-includes.sh"
		fi
	else
		case $name in *.c | *.h) fail "src/$name is in a layer folder" ;; esac
	fi
done

echo "$layers" | while read -r dir rank only; do
	[ -n "$dir" ] && [ -d "$src/$dir" ] || continue
	# the layers dir must not include
	forbidden=$(echo "$layers" | while read -r other orank _; do
		[ -n "$other" ] && [ "$other" != "$dir" ] || continue
		if [ -n "$only" ]; then in_list "$other" "$only" && continue
		elif [ "$orank" -lt "$rank" ]; then continue; fi
		printf '%s/|' "$other"
	done)
	if [ -n "$only" ]; then what="layers other than $(echo "$only" | sed 's/,/, /g')"
	else what="higher or sibling layers"; fi
	[ -z "$forbidden" ] || expect_none "src/$dir does not include $what" "$(includes "$dir" "${forbidden%|}")"
	echo "$third_party" | while read -r pattern allowed lib; do
		[ -n "$pattern" ] && ! in_list "$dir" "$allowed" || continue
		expect_none "src/$dir does not include $lib (only src/$(echo "$allowed" | sed 's|,|, src/|g'))" \
			"$(includes "$dir" "$pattern")"
	done
done
echo "# suite done"

#!/bin/sh
# check-includes.sh - module boundaries (STYLE.md): a lower layer never
# includes a higher one, and third-party headers stay in their module:
# libxml2 only in src/parsers, libyaml only in src/emit, src/validate
# (the validator reads pipeline YAML) and src/report (its effort config),
# libcurl only in src/llm, cJSON in src/llm, src/validate (libpg_query's
# parse tree is JSON) and src/report (results.jsonl), libpg_query only in
# src/validate.  src/report sits with main and the driver, above emit.
. "$(dirname "$0")/lib.sh"
src="$AKKO_SRCDIR/src"

# layer -> modules it must not include
forbid() { # forbid LAYER PATTERN WHAT
	hits=$(grep -rnE "#include [<\"]($2)" "$src/$1" 2>/dev/null)
	if [ -z "$hits" ]; then pass "src/$1 does not include $3"; else
		fail "src/$1 does not include $3"
		echo "$hits" | sed 's/^/#   /'
	fi
}
forbid base "ast/|parsers/|expr/|rules/|validate/|emit/|llm/|report/|driver/|bulk/|cli/" "higher layers"
forbid ast "parsers/|expr/|rules/|validate/|emit/|llm/|report/|driver/|bulk/|cli/" "higher layers"
forbid parsers "expr/|rules/|validate/|emit/|llm/|report/|driver/|bulk/|cli/" "higher layers"
forbid expr "parsers/|rules/|validate/|emit/|llm/|report/|driver/|bulk/|cli/" "higher or sibling layers"
forbid rules "validate/|emit/|llm/|report/|driver/|bulk/|cli/" "higher layers"
forbid emit "llm/|report/|driver/|bulk/|cli/" "higher or sibling layers"
forbid validate "emit/|llm/|report/|driver/|bulk/|cli/" "higher or sibling layers"
# src/llm (the LLM fallback's client) sits beside validate and emit: it may
# read the rule engine's fallback request, never the validator (the driver
# joins the two) nor what comes after it
forbid llm "parsers/|validate/|emit/|report/|driver/|bulk/|cli/" "higher or sibling layers"
forbid report "parsers/|expr/|rules/|validate/|llm/|driver/|bulk/|cli/" "the compiler (it reads results, not jobs)"
for dir in base ast parsers expr rules validate emit llm report; do
	[ -d "$src/$dir" ] || continue
	[ "$dir" = parsers ] || forbid "$dir" "libxml/" "libxml2 (only src/parsers)"
	[ "$dir" = emit ] || [ "$dir" = validate ] || [ "$dir" = report ] ||
		forbid "$dir" "yaml.h" "libyaml (only src/emit, src/validate, src/report)"
	[ "$dir" = llm ] || forbid "$dir" "curl/" "libcurl (only src/llm)"
	# cJSON also reads libpg_query's parse tree in src/validate
	[ "$dir" = llm ] || [ "$dir" = validate ] || [ "$dir" = report ] ||
		forbid "$dir" "cjson/|cJSON" "cJSON (only src/llm, src/validate, src/report)"
	[ "$dir" = validate ] || forbid "$dir" "pg_query" "libpg_query (only src/validate)"
done
hits=$(grep -nE '#include [<"](libxml/|yaml.h|curl/|cjson/|pg_query)' -r "$src/cli" "$src/driver" "$src/bulk")
[ -z "$hits" ] && pass "cli, driver and bulk include no third-party header" || { fail "cli, driver and bulk include no third-party header"; echo "$hits" | sed 's/^/#   /'; }
echo "# suite done"

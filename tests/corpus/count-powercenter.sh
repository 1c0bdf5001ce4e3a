#!/bin/sh
# count-powercenter.sh - count PowerCenter objects in export files with
# xmllint XPath, independently of akko-migrate.  Prints a TSV: a header,
# then one row per file (file name without directory).
#
#   tests/corpus/count-powercenter.sh ../shared/corpus/powercenter/*.XML > tests/corpus/powercenter-counts.tsv
#
# The columns are the AST counts `akko-migrate inspect --stats` reports;
# tests/corpus.sh compares the two.
set -eu
fields="mappings mapplets transformations instances connectors sources targets sessions workflows worklets task_instances links shortcuts"
xpath='concat(count(//MAPPING)," ",count(//MAPPLET)," ",count(//TRANSFORMATION)," ",count(//INSTANCE)," ",count(//CONNECTOR)," ",count(//SOURCE)," ",count(//TARGET)," ",count(//SESSION)," ",count(//WORKFLOW)," ",count(//WORKLET)," ",count(//TASKINSTANCE)," ",count(//WORKFLOWLINK)," ",count(//SHORTCUT))'
printf 'file'
for f in $fields; do printf '\t%s' "$f"; done
printf '\n'
for file in "$@"; do
	counts=$(xmllint --nonet --xpath "$xpath" "$file" 2>/dev/null) || {
		echo "count-powercenter: xmllint cannot read $file" >&2
		exit 1
	}
	printf '%s' "$(basename "$file")"
	for c in $counts; do printf '\t%s' "$c"; done
	printf '\n'
done

#!/bin/sh
# gen-big-export.sh - the large synthetic export of issue "Speed and memory":
# the FOLDER of one export repeated N times (default 40) in one REPOSITORY,
# each copy renamed <name>_<i>.  From the largest PowerCenter corpus file
# (2.36 MB) that is 94 MB.
#
#   tests/bench/gen-big-export.sh [EXPORT] [N] > big.XML
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=${1:-$here/../../../shared/corpus/powercenter/vramachandra-wq__PowerCentre-IICS-MIgration__SDE_ORA_ProjectCostLine.XML}
n=${2:-40}
[ -r "$src" ] || { echo "gen-big-export: cannot read $src" >&2; exit 2; }
awk -v n="$n" '
	/<FOLDER[ >]/ && !infolder { infolder = 1; nf = 0 }
	infolder { body[++nf] = $0; if ($0 ~ /<\/FOLDER>/) { infolder = 0; emit() } ; next }
	{ print }
	function emit(   i, k, line) {
		for (k = 1; k <= n; k++)
			for (i = 1; i <= nf; i++) {
				line = body[i]
				if (i == 1)
					sub(/NAME="[^"]*/, "&_" k, line)
				print line
			}
	}' "$src"

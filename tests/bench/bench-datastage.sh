#!/bin/sh
# bench-datastage.sh [MB] - the DataStage frontend at size (issue 18, point
# 5): a DSExport XML file of about MB megabytes (default 120) is
# synthesised from the real corpus (the Jobs of every DSExport file of
# ../shared/corpus/datastage, repeated under new identifiers), and an
# equally large .dsx from the DSJOB sections of the .dsx files; each is
# read by `akko-migrate inspect --stats`, timed, with its peak RSS
# (GNU time).  Prints one line per format: size, seconds, peak RSS and the
# ratio of RSS to file size.  Not part of `make check` (it writes ~240 MB).
set -eu
mb=${1:-120}
here=$(cd "$(dirname "$0")" && pwd)
src=$here/../..
corpus=$src/../shared/corpus/datastage
bin=${AKKO_BIN:-$src/akko-migrate}
out=${BENCH_OUT:-$src/tests/bench/out}
mkdir -p "$out"
[ -d "$corpus" ] || { echo "bench-datastage: SKIPPED: no $corpus"; exit 0; }
python3 - "$corpus" "$out" "$mb" <<'PY'
import glob, os, re, sys
corpus, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
target = mb * 1024 * 1024
# XML: every <Job>...</Job> of the corpus, renamed on each copy
jobs = []
for f in sorted(glob.glob(os.path.join(corpus, '*.xml'))):
    t = open(f, encoding='utf-8').read()
    jobs += re.findall(r'(?s)\n   <Job Identifier=".*?\n   </Job>', t)
head = '<?xml version="1.0" encoding="UTF-8"?>\n<DSExport>\n   <Header CharacterSet="CP1252" ExportingTool="IBM InfoSphere DataStage Export" ToolVersion="8" ServerName="BENCH" ToolInstanceID="BENCH" Date="2024-01-01" Time="00.00.00" ServerVersion="11.7"/>'
with open(os.path.join(out, 'bench.xml'), 'w', encoding='utf-8') as o:
    o.write(head); n = len(head); i = 0
    while n < target:
        j = jobs[i % len(jobs)].replace('<Job Identifier="', '<Job Identifier="c%d_' % i, 1)
        o.write(j); n += len(j); i += 1
    o.write('\n</DSExport>\n')
# .dsx: every BEGIN DSJOB ... END DSJOB section of the corpus
secs = []
for f in sorted(glob.glob(os.path.join(corpus, '*.dsx'))):
    t = open(f, encoding='latin-1').read().replace('\r\n', '\n')
    secs += re.findall(r'(?s)\nBEGIN DSJOB\n.*?\nEND DSJOB', t)
hdr = 'BEGIN HEADER\n   CharacterSet "CP1252"\n   ServerVersion "11.7"\nEND HEADER'
with open(os.path.join(out, 'bench.dsx'), 'w', encoding='latin-1') as o:
    o.write(hdr); n = len(hdr); i = 0
    while n < target:
        s = secs[i % len(secs)]
        o.write(s); n += len(s); i += 1
    o.write('\n')
PY
for f in "$out/bench.xml" "$out/bench.dsx"; do
	size=$(wc -c <"$f")
	/usr/bin/time -f '%e %M' -o "$out/time.txt" "$bin" inspect --stats "$f" >"$out/stats.txt" 2>"$out/err.txt" || {
		echo "bench-datastage: $(basename "$f"): inspect failed"; cat "$out/err.txt" | head -5; continue; }
	read -r secs kb <"$out/time.txt"
	awk -v f="$(basename "$f")" -v s="$size" -v t="$secs" -v k="$kb" -v j="$(sed -n 's/^flows: //p' "$out/stats.txt")" \
		'BEGIN { printf "bench-datastage: %s %.1f MB, %d jobs: %.2f s, peak RSS %.1f MB (%.2fx the file)\n", f, s / 1048576, j, t, k / 1024, k * 1024 / s }'
done

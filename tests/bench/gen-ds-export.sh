#!/bin/sh
# gen-ds-export.sh CORPUS OUTDIR MB - a DSExport XML file (OUTDIR/bench.xml)
# and a .dsx (OUTDIR/bench.dsx) of about MB megabytes each, made of the
# real jobs of CORPUS (every <Job> of its DSExport files, every DSJOB
# section of its .dsx files), repeated under new identifiers.  Used by
# bench-datastage.sh (120 MB) and tests/cli.sh (5 MB: unit by unit).
set -eu
corpus=$1 out=$2 mb=$3
mkdir -p "$out"
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

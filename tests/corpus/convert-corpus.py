#!/usr/bin/env python3
"""convert-corpus.py - how the converter does on real exports.

Converts every job file under CORPUS with `akko-migrate --gate --format json
FILE -o OUT/` and prints the table the closing notes quote: files,
pipelines, nodes by type and by conversion_source, gate pass/fail, mean
confidence.  Every file must convert: exit 0 (gate passed) or 4 (gate
failed, with diagnostics); anything else (a crash, an internal error, an
unexplained failure) fails the check.

With --psql it also asks PostgreSQL whether each sink's composed query
(`akko-migrate compose`, docs/pipeline-yaml.md "Composition") is valid: in a fresh schema per
pipeline it creates the tables the pipeline reads from the declared
schemas (source_table and source_file nodes: table.name with the node's
columns; nodes whose SQL runs at the source: a table named after the node),
then runs EXPLAIN on the composed statement.  A sink whose ancestors include
a placeholder cannot be composed; it counts as not accepted, with that
reason.  Failures are listed with PostgreSQL's message.

The size of the generated SQL: the largest node SQL text (`sql`, or
`source_sql` for a query kept as written) with its file and node, the ten
largest nodes, and the largest node of each file (the ten largest files
in the summary; every file with --sizes FILE, as tab-separated
`bytes file pipeline/node`).

With --original-tree: a corpus with a MANIFEST.tsv (local_name, repo, path, ...) had its files
renamed `<owner>__<repo>__<basename>` when it was collected, which breaks
the relative references between them (an Alteryx workflow's macros).  The
repositories' original trees are rebuilt under OUT/tree as symlinks
(repo/path -> the corpus file; nothing is copied) and each file is
converted from there, as a user converts a checkout: a relative macro
reference resolves as in the original repository, and no -I is given.
"""
import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys

import yaml


def qident(name):
    return '"' + name.replace('"', '""') + '"'


def table_ddl(name, columns):
    cols = ", ".join("%s %s" % (qident(c["name"]), c["type"]) for c in columns) or "akko_none int"
    return "CREATE TABLE IF NOT EXISTS %s (%s);" % (qident(name), cols)


def failure_class(reason):
    """The class of a sink's failure: what its blocking placeholder is
    ('no rule converts a Macro'), or PostgreSQL's error without names."""
    why = reason.split(": ", 1)[1] if ": " in reason else reason
    m = re.search(r"has no SQL \[E\d+\]: (.*)", why)
    if m:
        why = "placeholder: " + m.group(1)
    why = re.sub(r"'[^']*'", "'…'", why)
    why = re.sub(r'"[^"]*"', '"…"', why)
    why = re.sub(r"\d+", "N", why)
    return why[:60]


def explain_pipeline(binary, path, psql, schema, p):
    """Per sink: (sink id, ok, reason)."""
    setup = ["DROP SCHEMA IF EXISTS %s CASCADE;" % schema, "CREATE SCHEMA %s;" % schema,
             "SET search_path = %s;" % schema]
    # a table several nodes read (a source and two lookups) has the union of
    # the columns they declare, in first-seen order
    tables = {}
    for n in p["nodes"]:
        if n["type"] in ("source_table", "source_file") and n.get("table"):
            cols = tables.setdefault(n["table"]["name"], [])
            cols += [c for c in n["columns"] if c["name"] not in {x["name"] for x in cols}]
    for name, cols in tables.items():
        setup.append(table_ddl(name, cols))
    for n in p["nodes"]:
        if n.get("source_sql"):
            setup.append(table_ddl(n["id"], n["columns"]))
    # the runner sets every parameter; EXPLAIN folds current_setting()
    for prm in p.get("parameters", []):
        ty = prm.get("type", "text")
        v = prm.get("default")
        if v in (None, "") or ty != "text":
            v = ("0" if ty.startswith(("numeric", "integer", "bigint", "smallint", "double"))
                 else "01/01/2000 00:00:00.000000" if ty.startswith(("timestamp", "date")) else (v or ""))
        setup.append("SET akko.%s = '%s';" % (prm["setting"][5:], str(v).replace("'", "''")))
    results = []
    for n in p["nodes"]:
        # a target that is itself a placeholder is a sink with no query: a failure
        if n["type"] == "placeholder" and n.get("origin", {}).get("kind", "").startswith("Target"):
            results.append((n["id"], False, "the target is a placeholder: %s" % (n.get("note") or "")[:150]))
            continue
        if n["type"] not in ("sink_table", "sink_file"):
            continue
        # the binary's own composition (docs/pipeline-yaml.md, "Composition")
        r = subprocess.run([binary, "compose", "-p", p["name"], "-s", n["id"], path],
                           capture_output=True, text=True)
        stmt, why = r.stdout.strip().rstrip(";"), None
        if r.returncode != 0:
            err = [l for l in r.stderr.splitlines() if "error:" in l]
            stmt, why = None, (err[0].split("error: ", 1)[1] if err else r.stderr.strip()[:200])
            m = re.search(r"its ancestor '([^']+)'", why)  # say why that ancestor has no SQL
            note = next((x.get("note") for x in p["nodes"] if m and x["id"] == m.group(1)), None)
            if note:
                why += ": " + note[:100]
        if stmt is None:
            results.append((n["id"], False, why))
            continue
        sql = "\n".join(setup) + "\nEXPLAIN " + stmt + ";\n"
        r = subprocess.run(psql.split() + ["-X", "-q", "-v", "ON_ERROR_STOP=1"], input=sql,
                           capture_output=True, text=True)
        err = [l for l in r.stderr.splitlines() if "ERROR" in l or "LINE" in l]
        results.append((n["id"], r.returncode == 0, err[0] if err else r.stderr.strip()[:200]))
    return results


def original_tree(corpus, out):
    """corpus file -> its path in the repositories' rebuilt tree (OUT/tree/
    repo/path, a symlink to the corpus file); {} without a MANIFEST.tsv."""
    manifest = os.path.join(corpus, "MANIFEST.tsv")
    if not os.path.exists(manifest):
        return {}
    root = os.path.join(os.path.abspath(out), "tree")
    where = {}
    with open(manifest, encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f]
    for row in rows[1:]:
        if len(row) < 3 or not row[1] or not row[2] or ".." in row[2].split("/"):
            continue
        target = os.path.abspath(os.path.join(corpus, row[0]))
        if not os.path.exists(target):
            continue
        link = os.path.join(root, row[1], row[2])
        os.makedirs(os.path.dirname(link), exist_ok=True)
        if os.path.islink(link) or os.path.exists(link):
            os.remove(link)
        os.symlink(target, link)
        where[os.path.join(corpus, row[0])] = link
    return where


def sql_sizes(docs):
    """Per node with SQL: (bytes, file, pipeline/node id), largest first."""
    rows = []
    for s, d in docs:
        for p in d["pipelines"]:
            for n in p["nodes"]:
                text = n.get("sql") or n.get("source_sql")
                if text:
                    rows.append((len(text.encode("utf-8")), os.path.basename(s["file"]),
                                 "%s/%s" % (p["name"], n["id"])))
    return sorted(rows, key=lambda r: (-r[0], r[1], r[2]))


def sizes_summary(rows, path):
    """The summary's lines on SQL size; the per-file table to `path`."""
    if not rows:
        return ["largest node SQL: none"]
    per_file = {}
    for r in rows:  # largest first: the first row of a file is its largest
        per_file.setdefault(r[1], r)
    files = sorted(per_file.values(), key=lambda r: (-r[0], r[1]))
    if path:
        with open(path, "w", encoding="utf-8") as f:
            for r in files:
                f.write("%d\t%s\t%s\n" % r)
    out = ["largest node SQL: %d bytes (%s, %s)" % rows[0]]
    out.append("largest node SQL, top 10 nodes:")
    out += ["  %7d  %s  %s" % r for r in rows[:10]]
    out.append("largest node SQL per file, top 10 files (of %d with SQL):" % len(files))
    out += ["  %7d  %s  %s" % r for r in files[:10]]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--psql", help="psql command line; enables the EXPLAIN check")
    ap.add_argument("--min-explain", type=float, default=95.0)
    ap.add_argument("--label", default="", help="prefix of the TAP lines' names (the corpus's tool)")
    ap.add_argument("--tap", action="store_true")
    ap.add_argument("--by-tool", action="store_true",
                    help="also the nodes by tool and conversion_source, and the failures by class")
    ap.add_argument("--original-tree", action="store_true",
                    help="convert each file from its repository's tree rebuilt from MANIFEST.tsv")
    ap.add_argument("--installed", action="append", default=[],
                    help="with --original-tree: a folder of the tree (OWNER) whose repositories "
                    "are tools installed in the product's macro folder, passed as -I")
    ap.add_argument("--sizes", help="write the largest node SQL of every file here (TSV)")
    a = ap.parse_args()

    files = sorted(f for f in glob.glob(os.path.join(a.corpus, "*"))
                   if f.lower().endswith((".xml", ".dtsx", ".yxmd", ".yxmc", ".yxwz", ".dsx")))
    os.makedirs(a.out, exist_ok=True)
    where = original_tree(a.corpus, a.out) if a.original_tree else {}
    bad, summaries = [], []
    for f in files:
        src, out = f, a.out + "/"
        if f in where:  # from the rebuilt tree, one output directory per file
            src, out = where[f], os.path.join(a.out, "out", os.path.basename(f)) + "/"
            os.makedirs(out, exist_ok=True)
        inc = [x for d in a.installed for x in ("-I", os.path.join(os.path.abspath(a.out), "tree", d))] if f in where else []
        r = subprocess.run([a.bin, "-q", "--gate", "--format", "json"] + inc + [src, "-o", out],
                           capture_output=True, text=True)
        if r.returncode not in (0, 4) or not r.stdout.strip():
            bad.append((f, r.returncode, r.stderr.strip().splitlines()[-1:] or [""]))
            continue
        summaries.append(json.loads(r.stdout.splitlines()[-1]))
        summaries[-1]["file"] = f  # named as in the corpus

    by_type, by_source = collections.Counter(), collections.Counter()
    by_tool = collections.defaultdict(collections.Counter)  # origin kind -> conversion_source
    pipelines, confs, docs = 0, [], []
    for s in summaries:
        d = yaml.safe_load(open(s["output"], encoding="utf-8"))
        docs.append((s, d))
        for p in d["pipelines"]:
            pipelines += 1
            for n in p["nodes"]:
                by_type[n["type"]] += 1
                by_source[n["conversion_source"]] += 1
                by_tool[n.get("origin", {}).get("kind", "?")][n["conversion_source"]] += 1
        if s["nodes"]:
            confs.append(s["overall_confidence"])
    invalid = []
    for s in summaries:
        r = subprocess.run([a.bin, "validate", "-q", s["output"]], capture_output=True, text=True)
        if r.returncode != 0:
            invalid.append((s["output"], (r.stderr.strip().splitlines() or [""])[0]))
    sizes = sql_sizes(docs)
    passed = sum(1 for s in summaries if s["gate"] == "pass")
    out = []
    out.append("files: %d (converted %d, failed %d)" % (len(files), len(summaries), len(bad)))
    out.append("pipelines: %d" % pipelines)
    out.append("nodes: %d" % sum(by_type.values()))
    out.append("nodes by type:")
    for t, c in sorted(by_type.items(), key=lambda x: (-x[1], x[0])):
        out.append("  %-32s %5d" % (t, c))
    out.append("nodes by conversion_source:")
    for t, c in sorted(by_source.items(), key=lambda x: (-x[1], x[0])):
        out.append("  %-32s %5d" % (t, c))
    if a.by_tool:
        srcs = sorted(by_source)
        out.append("nodes by tool (origin kind) and conversion_source:")
        out.append("  %-40s %6s  %s" % ("tool", "nodes", "  ".join("%s" % x for x in srcs)))
        for t, c in sorted(by_tool.items(), key=lambda x: (-sum(x[1].values()), x[0])):
            out.append("  %-40s %6d  %s" % (t[:40], sum(c.values()), "  ".join("%*d" % (len(x), c[x]) for x in srcs)))
    out.append("gate: %d pass, %d fail" % (passed, len(summaries) - passed))
    out.append("mean overall confidence (files with nodes): %.3f" % (sum(confs) / len(confs) if confs else 0))
    out.append("outputs that validate: %d of %d" % (len(summaries) - len(invalid), len(summaries)))
    for f, why in invalid:
        out.append("INVALID %s: %s" % (f, why))
    for f, rc, last in bad:
        out.append("FAILED %s: exit %d %s" % (f, rc, last[0]))
    out += sizes_summary(sizes, a.sizes)

    ok_explain = True
    if a.psql:
        total, accepted, reasons = 0, 0, []
        k = 0
        for s, d in docs:
            for p in d["pipelines"]:
                k += 1
                for sink, ok, why in explain_pipeline(a.bin, s["output"], a.psql, "akko_corpus_%d" % k, p):
                    total += 1
                    accepted += ok
                    if not ok:
                        reasons.append("%s %s/%s: %s" % (os.path.basename(s["file"]), p["name"], sink, why))
        rate = 100.0 * accepted / total if total else 100.0
        out.append("sinks: %d, composed query accepted by PostgreSQL (EXPLAIN): %d (%.1f%%)" % (total, accepted, rate))
        if a.by_tool:
            classes = collections.Counter(failure_class(r) for r in reasons)
            out.append("not accepted, by class:")
            for c, k in sorted(classes.items(), key=lambda x: (-x[1], x[0])):
                out.append("  %-60s %5d" % (c, k))
        out.append("not accepted:")
        for r in reasons:
            out.append("  " + r)
        ok_explain = rate >= a.min_explain

    for line in out:
        print(("# " if a.tap else "") + line)
    if a.tap:
        lb = a.label + ": " if a.label else ""
        print("%s - %severy corpus file converts (exit 0 or 4, never a crash)" % ("ok" if not bad else "not ok", lb))
        print("%s - %sakko-migrate validate accepts every output" % ("ok" if not invalid else "not ok", lb))
        if a.psql:
            print("%s - %sat least %g%% of the sinks' composed queries pass EXPLAIN" %
                  ("ok" if ok_explain else "not ok", lb, a.min_explain))
    return 0 if not bad and not invalid and ok_explain else 1


if __name__ == "__main__":
    sys.exit(main())

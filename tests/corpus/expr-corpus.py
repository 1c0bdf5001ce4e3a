#!/usr/bin/env python3
"""expr-corpus.py - how the expression translator does on real exports.

Reads the JSON Lines of `akko-migrate expr --file --format json FILES...`
and prints: how many expressions there are, how many parse (listing every
failure with its reason), how many translate without an unsupported
construct (grouping the reasons for the rest), and, given --psql, whether
PostgreSQL accepts the SQL of every translated one:

    EXPLAIN SELECT <sql> FROM (VALUES (NULL::type, ...)) AS t(<columns>)

with an empty table for each lookup source a :LKP. call reads.  EXPLAIN
parses, resolves and type-checks without running anything.

Exit status 0 only when every expression parses, at least --min-rate of
them translate, and (with --psql) PostgreSQL accepts all translated SQL.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("jsonl")
    ap.add_argument("--psql", help="psql command line (reads SQL on -f)")
    ap.add_argument("--min-rate", type=float, default=95.0)
    ap.add_argument("--tap", action="store_true", help="print ok/not ok lines")
    a = ap.parse_args()

    rows = [json.loads(line) for line in open(a.jsonl, encoding="utf-8")]
    total = len(rows)
    parsed = [r for r in rows if r["parsed"]]
    translated = [r for r in rows if r["sql"] is not None]
    rate = 100.0 * len(translated) / total if total else 0.0
    files = len({r["file"] for r in rows})

    print(f"expressions: {total} in {files} files")
    print(f"parse: {len(parsed)} ({total - len(parsed)} fail)")
    for r in rows:
        if not r["parsed"]:
            why = "; ".join(w["message"] for w in r["warnings"] if w["severity"] == "error")
            print(f"  does not parse: {r['file']}:{r['line']} {r['step']} {r['what']}: {why}")
    print(f"translate: {len(translated)} ({rate:.1f}%)")
    # Most port expressions just pass a port on (EXPRESSION="CUST_ID"); say
    # how the rest do, so the rate above does not flatter.
    bare = re.compile(r"\s*[A-Za-z_][A-Za-z0-9_#$@]*\s*")
    real = [r for r in rows if not bare.fullmatch(r["text"])]
    real_tr = [r for r in real if r["sql"] is not None]
    if real:
        print(f"  of which more than a bare port name: {len(real_tr)} of {len(real)} "
              f"({100.0 * len(real_tr) / len(real):.1f}%)")
    reasons = collections.Counter()
    for r in rows:
        if r["parsed"] and r["sql"] is None:
            for w in r["warnings"]:
                if w["code"] == "W0510" or w["severity"] == "error":
                    msg = re.sub(r"'[^']*'", "'…'", w["message"])
                    reasons[(w["code"], msg)] += 1
    for (code, msg), n in reasons.most_common():
        print(f"  {n:5d} {code} {msg}")
    refused = [r for r in translated if r.get("sql_check")]
    print(f"validator SQL check: {len(translated) - len(refused)} of {len(translated)} pass")
    for r in refused:
        print(f"  refused: {r['file']}:{r['line']} {r['step']} {r['what']}: {r['sql_check']}")
    conf = [r["confidence"] for r in rows]
    print(f"mean confidence: {sum(conf) / len(conf):.3f}" if conf else "mean confidence: -")

    ok = len(parsed) == total and rate >= a.min_rate and not refused
    if a.tap:
        print(("ok" if len(parsed) == total else "not ok") +
              f" - every corpus expression parses ({len(parsed)}/{total})")
        print(("ok" if rate >= a.min_rate else "not ok") +
              f" - {rate:.1f}% of corpus expressions translate (at least {a.min_rate}%)")
        print(("ok" if not refused else "not ok") +
              f" - the validator's SQL check passes every translated corpus expression "
              f"({len(translated) - len(refused)}/{len(translated)})")

    if a.psql:
        ok &= check_postgres(a, translated)
    sys.exit(0 if ok else 1)


def check_postgres(a, translated):
    """EXPLAIN every translated expression; one psql run, errors mapped
    back to their statement by line number."""
    lines = ["\\set ON_ERROR_STOP 0", "SET client_min_messages = warning;"]
    starts = []  # (first line, last line, row)
    made = set()
    for r in translated:
        for rel in r["relations"]:
            if rel["name"] in made:
                continue
            made.add(rel["name"])
            cols = ", ".join(f"{c} {t}" for c, t in rel["columns"]) or "dummy integer"
            lines.append(f"CREATE TEMP TABLE {rel['name']} ({cols});")
        cols = r["columns"] or [["dummy", "integer"]]
        values = ", ".join(f"NULL::{t}" for _, t in cols)
        names = ", ".join(c for c, _ in cols)
        sql = r["sql"]
        stmt = f"EXPLAIN SELECT {sql} AS v FROM (VALUES ({values})) AS t({names});"
        first = len(lines) + 1
        lines.extend(stmt.split("\n"))
        starts.append((first, len(lines), r))
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False, encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
        path = f.name
    try:
        out = subprocess.run(a.psql.split() + ["-X", "-q", "-o", "/dev/null", "-f", path],
                             capture_output=True, text=True, encoding="utf-8")
    finally:
        os.unlink(path)
    bad = {}
    for m in re.finditer(r"^psql:[^:]*:(\d+): (ERROR:.*)$", out.stderr, re.M):
        line = int(m.group(1))
        for first, last, r in starts:
            if first <= line <= last:
                bad.setdefault(id(r), (r, m.group(2)))
                break
        else:
            bad.setdefault(line, (None, m.group(2)))
    accepted = len(translated) - len([b for b in bad.values() if b[0] is not None])
    print(f"postgres accepts: {accepted} of {len(translated)} translated")
    for r, err in bad.values():
        where = f"{r['file']}:{r['line']} {r['step']} {r['what']}" if r else "setup"
        print(f"  rejected: {where}: {err}")
        if r:
            print(f"    sql: {r['sql'][:300]}")
    if a.tap:
        print(("ok" if not bad else "not ok") +
              f" - PostgreSQL accepts the SQL of every translated corpus expression "
              f"({accepted}/{len(translated)})")
    return not bad


if __name__ == "__main__":
    main()

"""exprcheck.py - what the corpus expression checks share (alteryx-exprs.py,
datastage-exprs.py): the command line, the fuzz seeds, and the count of the
expressions that parse and translate with `akko-migrate expr --from LANG`
(names untyped), the diagnostics of the rest grouped.

A script gives its language and `expressions(path)`, which yields
(where, kind, text) for every expression of one file.  Exit status 0 when
the number of expressions that do not parse is --syntax-errors, else 1.
"""
import argparse
import collections
import hashlib
import os
import re
import subprocess


def write_seeds(directory, texts):
    """Each distinct expression into its own file, named by its hash."""
    os.makedirs(directory, exist_ok=True)
    for e in texts:
        name = hashlib.sha1(e.encode()).hexdigest()[:12]
        with open(os.path.join(directory, name), "w", encoding="utf-8") as out:
            out.write(e)
    print(f"{len(set(texts))} distinct expressions written to {directory}")


def main(lang, expressions):
    ap = argparse.ArgumentParser()
    ap.add_argument("binary", nargs="?")
    ap.add_argument("files", nargs="*")
    ap.add_argument("--seeds", help="write each distinct expression to this directory")
    ap.add_argument("--syntax-errors", type=int, default=0, help="how many may not parse")
    a = ap.parse_args()
    files = a.files if a.binary and not a.seeds else ([a.binary] if a.binary else []) + a.files
    found = [x for f in files for x in expressions(f)]
    if a.seeds:
        write_seeds(a.seeds, [e for _, _, e in found])
        return 0
    by_kind = collections.Counter(k for _, k, _ in found)
    distinct = sorted(set(e for _, _, e in found))
    result = {}
    for e in distinct:
        r = subprocess.run([a.binary, "expr", "--from", lang, "--", e], capture_output=True, text=True)
        result[e] = (r.returncode, re.findall(r"\b(?:error|warning): (.*?) \[([EW]\d{4})\]", r.stderr))
    parsed = translated = 0
    reasons = collections.Counter()
    syntax = []
    for where, kind, e in found:
        rc, codes = result[e]
        if any(c == "E0501" for _, c in codes):
            syntax.append((where, kind, e, [m for m, c in codes if c == "E0501"]))
            continue
        parsed += 1
        if rc == 0:
            translated += 1
            continue
        for msg, code in codes:
            if code != "W0515":
                reasons[f"{code} " + re.sub(r"'[^']*'", "'…'", msg)] += 1
    total = len(found)
    print(f"{total} expressions ({len(distinct)} distinct) in {len(files)} files "
          f"({', '.join(f'{k} {n}' for k, n in by_kind.most_common())})")
    print(f"parse: {parsed} of {total}")
    print(f"translate: {translated} of {total} ({100.0 * translated / total if total else 0:.1f}%)")
    for where, kind, e, msgs in syntax:
        print(f"  syntax error: {where} ({kind}): {e.strip()[:100]!r}: {msgs[0] if msgs else ''}")
    for reason, n in reasons.most_common():
        print(f"  {n:5d} {reason}")
    return 0 if len(syntax) == a.syntax_errors and total else 1

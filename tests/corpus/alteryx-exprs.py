#!/usr/bin/env python3
"""alteryx-exprs.py - the Alteryx formula translator on real workflows.

Extracts every expression of the Formula (FormulaField/@expression),
Filter (custom mode: Configuration/Expression), Multi-Row Formula
(Configuration/Expression) and Generate Rows (Init/Condition/Loop
expressions) tools of the given .yxmd/.yxmc/.yxwz files (independently of
the project's frontend: ElementTree), translates each one with
`akko-migrate expr --from alteryx` (names untyped), and prints how many
parse and how many translate, grouping the diagnostics of the rest.

    tests/corpus/alteryx-exprs.py ./akko-migrate ../shared/corpus/alteryx/*.yx*
    tests/corpus/alteryx-exprs.py --seeds DIR FILES...   # fuzz seeds, one per expression

Exit status 0 when the number of expressions that do not parse is
--syntax-errors (default 0: the corpus has one broken formula), else 1.
"""
import argparse
import collections
import hashlib
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

TOOLS = {
    "Formula": "Formula",
    "Filter": "Filter",
    "MultiRowFormula": "MultiRowFormula",
    "GenerateRows": "GenerateRows",
    "MultiFieldFormula": "MultiFieldFormula",
}


def tool_kind(node):
    gui = node.find("GuiSettings")
    plugin = gui.get("Plugin", "") if gui is not None else ""
    for key, kind in TOOLS.items():
        if plugin.endswith("." + key):
            return kind
    return None


def expressions(path):
    """(tool id, kind, expression) of every formula in the file."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return
    for node in root.iter("Node"):
        kind = tool_kind(node)
        conf = node.find("Properties/Configuration")
        if kind is None or conf is None:
            continue
        tid = node.get("ToolID", "?")
        if kind == "Formula":
            for f in conf.iter("FormulaField"):
                if f.get("expression") is not None:
                    yield tid, kind, f.get("expression")
        elif kind == "Filter":
            mode = conf.findtext("Mode") or "Custom"
            e = conf.findtext("Expression")
            if mode == "Custom" and e is not None:
                yield tid, kind, e
        elif kind == "GenerateRows":
            for tag in ("Expression_Init", "Expression_Cond", "Expression_Loop"):
                e = conf.findtext(tag)
                if e is not None:
                    yield tid, kind, e
        else:
            e = conf.findtext("Expression")
            if e is not None:
                yield tid, kind, e


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary", nargs="?")
    ap.add_argument("files", nargs="*")
    ap.add_argument("--seeds", help="write each distinct expression to this directory")
    ap.add_argument("--syntax-errors", type=int, default=0, help="how many may not parse")
    a = ap.parse_args()
    files = a.files if a.binary and not a.seeds else ([a.binary] if a.binary else []) + a.files
    found = [(f, t, k, e) for f in files for t, k, e in expressions(f)]
    if a.seeds:
        os.makedirs(a.seeds, exist_ok=True)
        for _, _, _, e in found:
            name = hashlib.sha1(e.encode()).hexdigest()[:12]
            with open(os.path.join(a.seeds, name), "w", encoding="utf-8") as out:
                out.write(e)
        print(f"{len(set(e for *_, e in found))} distinct expressions written to {a.seeds}")
        return 0
    by_kind = collections.Counter(k for _, _, k, _ in found)
    parsed = translated = 0
    reasons = collections.Counter()
    syntax = []
    for f, tid, kind, e in found:
        r = subprocess.run([a.binary, "expr", "--from", "alteryx", e], capture_output=True, text=True)
        codes = re.findall(r"\b(?:error|warning): (.*?) \[([EW]\d{4})\]", r.stderr)
        if any(c == "E0501" for _, c in codes):
            syntax.append((os.path.basename(f), tid, kind, e, [m for m, c in codes if c == "E0501"]))
            continue
        parsed += 1
        if r.returncode == 0:
            translated += 1
            continue
        for msg, code in codes:
            if code != "W0515":
                reasons[f"{code} " + re.sub(r"'[^']*'", "'…'", msg)] += 1
    total = len(found)
    print(f"{total} expressions in {len(files)} files ({', '.join(f'{k} {n}' for k, n in by_kind.most_common())})")
    print(f"parse: {parsed} of {total}")
    print(f"translate: {translated} of {total} ({100.0 * translated / total if total else 0:.1f}%)")
    for f, tid, kind, e, msgs in syntax:
        print(f"  syntax error: {f} tool {tid} ({kind}): {e.strip()[:100]!r}: {msgs[0] if msgs else ''}")
    for reason, n in reasons.most_common():
        print(f"  {n:5d} {reason}")
    return 0 if len(syntax) == a.syntax_errors and total else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""datastage-exprs.py - the DataStage derivation translator on real exports.

Extracts every parallel Transformer expression of the given .dsx text
exports and DSExport .xml files, independently of the project's
frontends: output column derivations (Derivation / ParsedDerivation of the
columns of CTrxOutput records), link constraints (Constraint /
ParsedConstraint) and stage variables (Expression / ParsedExpression of
the CTransformerStage record's StageVars), the Parsed form preferred, in
parallel jobs only (JobType 3: server jobs use DataStage BASIC).  Each one
is translated with `akko-migrate expr --from datastage` (names untyped);
the script prints how many parse and how many translate, grouping the
diagnostics of the rest (exprcheck.py, shared with alteryx-exprs.py).

    tests/corpus/datastage-exprs.py ./akko-migrate ../shared/corpus/datastage/*
    tests/corpus/datastage-exprs.py --seeds DIR FILES...   # fuzz seeds, one per expression

Exit status 0 when the number of expressions that do not parse is
--syntax-errors (default 0), else 1.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

import exprcheck

TRX_OUTPUT = {"CTrxOutput", "TrxOutput"}
TRX_STAGE = {"CTransformerStage", "TransformerStage"}
WANTED = {
    "Derivation": "derivation",
    "Constraint": "constraint",
    "Expression": "stage variable",
}


def unescape(v):
    """A .dsx quoted value: \\" \\\\ and \\(hex)."""
    out, i = [], 0
    while i < len(v):
        c = v[i]
        if c == "\\" and i + 1 < len(v):
            n = v[i + 1]
            if n == "(":
                j = v.find(")", i)
                if j > 0:
                    try:
                        out.append(chr(int(v[i + 2 : j], 16)))
                        i = j + 1
                        continue
                    except ValueError:
                        pass
            out.append(n)
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def hex_escapes(v):
    """The \\(hex) escapes DSExport XML keeps in some values (a leading \\(20))."""
    return re.sub(r"\\\(([0-9A-Fa-f]{1,6})\)", lambda m: chr(int(m.group(1), 16)), v)


def pick(props, record_kind):
    """(what, text) of the expressions of one property set, Parsed first."""
    for name, what in WANTED.items():
        if name == "Derivation" and record_kind not in TRX_OUTPUT:
            continue
        if name == "Constraint" and record_kind not in TRX_OUTPUT:
            continue
        if name == "Expression" and record_kind not in TRX_STAGE:
            continue
        text = props.get("Parsed" + name, props.get(name))
        if text is not None and text.strip():
            yield what, text


def dsx_expressions(path):
    """(where, what, text) of a .dsx text export."""
    with open(path, encoding="latin-1") as f:
        lines = f.read().splitlines()
    job_parallel = False
    pending = []
    stack = []  # [record kind, props] per open DSRECORD / DSSUBRECORD
    found = []
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        i += 1
        if s == "BEGIN DSJOB":
            job_parallel = None
            pending = []
        elif s == "END DSJOB":
            if job_parallel:
                found.extend(pending)
            job_parallel = False
        elif s in ("BEGIN DSRECORD", "BEGIN DSSUBRECORD"):
            kind = stack[-1][0] if stack and s == "BEGIN DSSUBRECORD" else None
            stack.append([kind, {}, s == "BEGIN DSSUBRECORD"])
        elif s in ("END DSRECORD", "END DSSUBRECORD"):
            if not stack:
                continue
            kind, props, _ = stack.pop()
            if props.get("JobType") is not None and job_parallel is None:
                job_parallel = props["JobType"] == "3"
            if job_parallel is not False:
                for what, text in pick(props, kind):
                    pending.append((f"{os.path.basename(path)}:{i}", what, text))
        elif stack:
            m = re.match(r'^(\w+) "(.*)"$', s)
            if m:
                stack[-1][1][m.group(1)] = unescape(m.group(2))
                if m.group(1) == "OLEType" and not stack[-1][2]:
                    stack[-1][0] = m.group(2)
                continue
            m = re.match(r"^(\w+) =\+=\+=\+=$", s)
            if m:
                body = []
                while i < len(lines) and lines[i].strip() != "=+=+=+=":
                    body.append(lines[i])
                    i += 1
                i += 1
                stack[-1][1][m.group(1)] = "\n".join(body)
    return found


def xml_expressions(path):
    """(where, what, text) of a DSExport XML file."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return []
    found = []
    for job in root.iter("Job"):
        parallel = any(
            p.get("Name") == "JobType" and (p.text or "") == "3"
            for r in job.iter("Record")
            if r.get("Type") == "JobDefn"
            for p in r.findall("Property")
        )
        if not parallel:
            continue
        for rec in job.iter("Record"):
            kind = rec.get("Type")
            if kind not in TRX_OUTPUT and kind not in TRX_STAGE:
                continue
            sets = [rec] + list(rec.iter("SubRecord"))
            for node in sets:
                props = {p.get("Name"): hex_escapes(p.text or "") for p in node.findall("Property")}
                for what, text in pick(props, kind):
                    found.append((f"{os.path.basename(path)} {rec.get('Identifier', '?')}", what, text))
    return found


def expressions(path):
    if path.lower().endswith(".xml"):
        return xml_expressions(path)
    return dsx_expressions(path)


if __name__ == "__main__":
    sys.exit(exprcheck.main("datastage", expressions))

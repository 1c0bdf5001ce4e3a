#!/usr/bin/env python3
"""wrap-results.py - results.jsonl lines from `akko-migrate FILE -f json` summaries.

Until bulk conversion writes OUT/results.jsonl itself, this gives the report
the same input: for each summary line on stdin (or in the files named), one
result line {"v":1,"file","rel","sha256","status":"converted","reason":null,
"reused":false,"elapsed_ms":0,"output","summary"} on stdout.  With
--errors FILE..., each named job file that has no summary gets a line with
status "error" (as bulk mode reports a file that does not convert), or
"skipped" when its name does not end in .xml.
"""
import hashlib
import json
import os
import sys


def main(argv):
    errors = []
    inputs = []
    root = None
    args = iter(argv)
    for a in args:
        if a == "--errors":
            errors.extend(args)
        elif a == "--root":
            root = next(args)
        else:
            inputs.append(a)
    seen = set()
    lines = []
    streams = [open(p, encoding="utf-8") for p in inputs] or [sys.stdin]
    for s in streams:
        for line in s:
            if not line.strip():
                continue
            summ = json.loads(line)
            f = summ["file"]
            seen.add(f)
            lines.append({"v": 1, "file": f, "rel": os.path.relpath(f, root) if root else os.path.basename(f),
                          "sha256": summ.get("sha256"), "status": "converted", "reason": None,
                          "reused": False, "elapsed_ms": 0, "output": summ.get("output"), "summary": summ})
    for f in errors:
        if f in seen or not os.path.isfile(f):
            continue
        job = f.lower().endswith(".xml")
        with open(f, "rb") as fh:
            sha = hashlib.sha256(fh.read()).hexdigest()
        lines.append({"v": 1, "file": f, "rel": os.path.relpath(f, root) if root else os.path.basename(f),
                      "sha256": sha, "status": "error" if job else "skipped",
                      "reason": "the file has errors (see its diagnostics)" if job else "not a job export",
                      "reused": False, "elapsed_ms": 0, "output": None, "summary": None})
    for l in lines:
        sys.stdout.write(json.dumps(l, separators=(",", ":"), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""run-cases.py - expression golden tests from data files.

Each tests/expr/cases/*.txt file holds cases:

    === name of the case
    expr: IIF(ISNULL(A), 0, A)          the PowerCenter expression (one line)
    types: A=integer                    optional: --types
    flags: --condition                  optional: more options
    sql: CASE WHEN a IS NULL ...        the expected stdout (absent: nothing)
    exit: 1                             optional (default 0)
    stderr:                             optional: the exact stderr, one
    | line                              line per "| " line

A case passes when stdout, stderr and the exit status are exactly as
written.  AKKO_REGEN=1 rewrites the expectations from what the binary does
now; review the diff like code.  Prints TAP lines for tests/run.
"""
import os
import shlex
import subprocess
import sys


def parse(path):
    cases, cur = [], None
    for raw in open(path, encoding="utf-8").read().split("\n"):
        if raw.startswith("=== "):
            cur = {"name": raw[4:].strip(), "stderr": None, "exit": 0, "flags": "", "types": None,
                   "sql": None, "keys": []}
            cases.append(cur)
        elif cur is None or raw.startswith("#") or raw == "":
            continue
        elif raw.startswith("| ") or raw == "|":
            cur["stderr"] = (cur["stderr"] or "") + raw[2:] + "\n"
        else:
            key, _, val = raw.partition(": ")
            key = key.rstrip(":")
            cur["keys"].append(key)
            if key == "stderr":
                cur["stderr"] = ""
            elif key == "exit":
                cur["exit"] = int(val)
            else:
                cur[key] = val
    return cases


def run(binary, wrapper, case):
    argv = shlex.split(wrapper) + [binary, "expr"] + shlex.split(case["flags"])
    if case["types"]:
        argv += ["--types", case["types"]]
    argv += ["--", case["expr"]]
    p = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8")
    return p.stdout, p.stderr, p.returncode


def sql_check(binary, wrapper, case):
    """The validator's verdict on a translated case (None: it passes)."""
    import json
    c = dict(case, flags=(case["flags"] + " --format json").strip())
    out, _, rc = run(binary, wrapper, c)
    return json.loads(out).get("sql_check") if rc == 0 else "not translated"


def write(path, cases):
    out = []
    header = []
    for line in open(path, encoding="utf-8").read().split("\n"):
        if line.startswith("=== "):
            break
        header.append(line)
    out.extend(header)
    for c in cases:
        out.append(f"=== {c['name']}")
        out.append(f"expr: {c['expr']}")
        if c["types"]:
            out.append(f"types: {c['types']}")
        if c["flags"]:
            out.append(f"flags: {c['flags']}")
        if c["sql"] is not None:
            out.append(f"sql: {c['sql']}")
        if c["exit"]:
            out.append(f"exit: {c['exit']}")
        if c["stderr"]:
            out.append("stderr:")
            out.extend(("| " + l).rstrip() if l else "|" for l in c["stderr"].rstrip("\n").split("\n"))
        out.append("")
    open(path, "w", encoding="utf-8").write("\n".join(out).rstrip("\n") + "\n")


def main():
    binary = os.environ.get("AKKO_BIN", "./akko-migrate")
    wrapper = os.environ.get("AKKO_TEST_WRAPPER", "")
    regen = os.environ.get("AKKO_REGEN") == "1"
    files = sys.argv[1:]
    for path in files:
        cases = parse(path)
        base = os.path.basename(path)
        for c in cases:
            out, err, rc = run(binary, wrapper, c)
            sql = out[:-1] if out.endswith("\n") else out
            if regen:
                c["sql"] = sql if out else None
                c["stderr"] = err or None
                c["exit"] = rc
                continue
            want_sql = c["sql"] if c["sql"] is not None else ""
            want_err = c["stderr"] or ""
            # trailing blanks are not kept in the data files
            err = "\n".join(l.rstrip() for l in err.split("\n"))
            if sql == want_sql and err == want_err and rc == c["exit"]:
                print(f"ok - expr {base}: {c['name']}")
                if rc == 0:
                    why = sql_check(binary, wrapper, c)
                    print(("ok" if why is None else "not ok") +
                          f" - expr {base}: {c['name']}: the SQL passes the validator's check")
                    if why is not None:
                        print(f"#   {why}")
            else:
                print(f"not ok - expr {base}: {c['name']}")
                print(f"#   expr: {c['expr']}")
                if sql != want_sql:
                    print(f"#   sql want: {want_sql}\n#   sql got:  {sql}")
                if rc != c["exit"]:
                    print(f"#   exit want {c['exit']}, got {rc}")
                if err != want_err:
                    print("#   stderr want:")
                    for l in want_err.splitlines():
                        print(f"#     {l}")
                    print("#   stderr got:")
                    for l in err.splitlines():
                        print(f"#     {l}")
        if regen:
            write(path, cases)
            print(f"ok - regenerated {base} ({len(cases)} cases)")


if __name__ == "__main__":
    main()

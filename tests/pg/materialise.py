#!/usr/bin/env python3
"""materialise.py PIPELINE.yaml [DIR] - the runner's work for source_sql
nodes and XML files.

A source_connector_sql_pushdown node with `source_sql` holds a query kept in
the source's dialect (a SQL override, an SQL Transformation's query): the
runner runs it at the source and keeps its rows under the node's id, its
columns named and typed as the node declares them, by position
(docs/pipeline-yaml.md).  This prints that work as PostgreSQL statements for
a test database whose "source" is the same server, so the end-to-end cases
can compose the sinks downstream of such nodes.  The queries of the cases are
written to run in PostgreSQL; a query that does not fails the case loudly.

A source_sql node with `source_params` runs once per row of its
`source_params.sql` over the node it names (composed with `akko-migrate
compose --sink`, the binary in $AKKO_BIN): each `~name~` replaced by the
row's value as text (NULL as nothing), each `?name?` bound to it; its rows
are kept after that row's values, in a PL/pgSQL loop.

A source_file node with `table.format: xml` is loaded as docs/pipeline-yaml.md
says a runner loads it: its `table.file` (relative to DIR) is read, every
occurrence of `table.record` (a path from the root, or an element name
anywhere) is a row, in document order; a value column is the record's child
element or attribute of the column's name (ignoring case), NULL when it has
none; a column `table.ids` lists is the number of the occurrence of its
`element` (the record itself or the nearest enclosing one), counting the
occurrences at that element's path in document order from `start`.
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import yaml


def qident(name):
    return '"%s"' % name.replace('"', '""')


def qliteral(v):
    return "NULL" if v is None else "'%s'" % v.replace("'", "''")


def xml_rows(path, table, columns):
    """The rows of an XML source_file node, values as text (or None)."""
    record = table["record"].split("/")
    ids = {x["column"]: x for x in table.get("ids") or []}
    counts, rows = {}, []

    def walk(el, trail):  # trail: [(tag, path, number)] from the root
        key = "/".join([t for t, _, _ in trail] + [el.tag])
        counts[key] = counts.get(key, 0) + 1
        trail = trail + [(el.tag, key, counts[key])]
        tags = [t for t, _, _ in trail]
        if tags == record or (len(record) == 1 and el.tag == record[0]):
            row = []
            for c in columns:
                name = c["name"]
                if name in ids:
                    x = ids[name]
                    hit = [(k, n) for t, k, n in trail if t == x["element"]]
                    row.append(str(x["start"] + hit[-1][1] - 1) if hit else None)
                    continue
                val = next((v for a, v in el.attrib.items() if a.lower() == name), None)
                if val is None:
                    child = next((ch for ch in el if ch.tag.lower() == name), None)
                    val = None if child is None else (child.text or "")
                row.append(val)
            rows.append(row)
        for ch in el:
            walk(ch, trail)

    walk(ET.parse(path).getroot(), [])
    return rows


def per_row(yaml_path, pipeline, n):
    """The PL/pgSQL that runs n's source_sql once per row of its source_params."""
    sp = n["source_params"]
    r = subprocess.run([os.environ.get("AKKO_BIN", "akko-migrate"), "compose", "-p", pipeline, "-s",
                        sp["node"], yaml_path], capture_output=True, text=True, check=True)
    values = "WITH %s AS (\n%s\n)\n%s" % (qident(sp["node"]), r.stdout.strip().rstrip(";"), sp["sql"])
    names = [c["name"] for c in n["columns"][:len(sp["params"])]]
    query = "'%s'" % n["source_sql"].rstrip().rstrip(";").replace("'", "''")
    for k, prm in enumerate(sp["params"]):
        if prm["mode"] == "bind":
            query = "replace(%s, '?%s?', '$%d')" % (query, prm["name"], k + 1)
        else:
            query = "replace(%s, '~%s~', coalesce(v.%s::text, ''))" % (query, prm["name"], qident(names[k]))
    prefix = ", ".join("$%d" % (k + 1) for k in range(len(names)))
    return ("DO $akko$\nDECLARE v record;\nBEGIN\nFOR v IN %s\nLOOP\n"
            "EXECUTE 'INSERT INTO %s SELECT %s, akko_s.* FROM (' || %s || ') AS akko_s' USING %s;\n"
            "END LOOP;\nEND $akko$;" % (values, qident(n["id"]).replace("'", "''"), prefix, query,
                                         ", ".join("v.%s" % qident(c) for c in names)))


# The parameter syntax a tool's engine substitutes as text in SQL
# (docs/pipeline-yaml.md, `source_sql`): DataStage's #NAME# and #SET.NAME#.
TEXT_PARAMS = {"datastage": re.compile(r"#([A-Za-z0-9_.$]+)#")}


def substitute_params(sql, doc, pipeline):
    """A source_sql with the tool's parameter references replaced by their
    values as text, as the runner does: here each parameter's default (the
    cases set no other value)."""
    pat = TEXT_PARAMS.get((doc.get("source") or {}).get("tool"))
    if not pat:
        return sql
    values = {prm["name"].lower(): prm.get("default") for prm in pipeline.get("parameters") or []}

    def value(m):
        v = values.get(m.group(1).lower())
        if v is None:
            sys.exit("materialise: parameter %s in source_sql has no value" % m.group(1))
        return str(v)
    return pat.sub(value, sql)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: materialise.py PIPELINE.yaml [DIR]")
    base = sys.argv[2] if len(sys.argv) == 3 else "."
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    for p in doc.get("pipelines") or []:
        for n in p.get("nodes") or []:
            t = n.get("table") or {}
            if n["type"] == "source_file" and t.get("format") == "xml":
                cols = ", ".join("%s %s" % (qident(c["name"]), c["type"]) for c in n["columns"])
                print("DROP TABLE IF EXISTS %s;" % qident(t["name"]))
                print("CREATE TABLE %s (%s);" % (qident(t["name"]), cols))
                for row in xml_rows(os.path.join(base, t["file"]), t, n["columns"]):
                    print("INSERT INTO %s VALUES (%s);" % (qident(t["name"]), ", ".join(map(qliteral, row))))
                continue
            sql = n.get("source_sql")
            if not sql:
                continue
            cols = ", ".join("%s %s" % (qident(c["name"]), c["type"]) for c in n["columns"])
            print("DROP TABLE IF EXISTS %s;" % qident(n["id"]))
            print("CREATE TABLE %s (%s);" % (qident(n["id"]), cols))
            if n.get("source_params"):
                print(per_row(sys.argv[1], p["name"], n))
                continue
            sql = substitute_params(sql, doc, p)
            # by position: the query's columns fill the declared ones in order
            print("INSERT INTO %s\nSELECT * FROM (\n%s\n) AS akko_source;" % (qident(n["id"]), sql.rstrip().rstrip(";")))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""materialise.py PIPELINE.yaml - the runner's work for source_sql nodes.

A source_connector_sql_pushdown node with `source_sql` holds a query kept in
the source's dialect (a SQL override, an SQL Transformation's query): the
runner runs it at the source and keeps its rows under the node's id, its
columns named and typed as the node declares them, by position
(docs/pipeline-yaml.md).  This prints that work as PostgreSQL statements for
a test database whose "source" is the same server, so the end-to-end cases
can compose the sinks downstream of such nodes.  The queries of the cases are
written to run in PostgreSQL; a query that does not fails the case loudly.
"""
import sys

import yaml


def qident(name):
    return '"%s"' % name.replace('"', '""')


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: materialise.py PIPELINE.yaml")
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    for p in doc.get("pipelines") or []:
        for n in p.get("nodes") or []:
            sql = n.get("source_sql")
            if not sql:
                continue
            cols = ", ".join("%s %s" % (qident(c["name"]), c["type"]) for c in n["columns"])
            print("DROP TABLE IF EXISTS %s;" % qident(n["id"]))
            print("CREATE TABLE %s (%s);" % (qident(n["id"]), cols))
            # by position: the query's columns fill the declared ones in order
            print("INSERT INTO %s\nSELECT * FROM (\n%s\n) AS akko_source;" % (qident(n["id"]), sql.rstrip().rstrip(";")))


if __name__ == "__main__":
    main()

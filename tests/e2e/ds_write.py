#!/usr/bin/env python3
"""ds_write.py - the typing aid the DataStage e2e and golden jobs were
written with: a job described as Python data (stages, links, columns,
properties, as the Designer's Job Properties and stage editors show them)
printed as a .dsx text export (BEGIN DSJOB / DSRECORD / DSSUBRECORD, the
shape of ../shared/corpus/datastage) or a DSExport XML export (<Job>,
<Record Type=...>, <Collection>/<SubRecord>: IBM, "Exporting objects").

Not part of the converter and not run by the tests: the jobs are committed
as the text it printed, and every expected row was derived by hand from
IBM's documentation (each case's README).  Usage: a case's job.py calls
write(job, "dsx"|"xml") and prints the result.
"""
from xml.sax.saxutils import escape

SQLTYPE = {"int": ("4", "10", "0"), "bigint": ("-5", "19", "0"), "date": ("9", "10", "0"),
           "timestamp": ("11", "19", "0")}


def col_type(t):
    """'int', 'date', 'varchar(30)', 'decimal(10,2)' -> SqlType, Precision, Scale."""
    if t in SQLTYPE:
        return SQLTYPE[t]
    name, _, rest = t.partition("(")
    args = rest.rstrip(")").split(",") if rest else ["0"]
    code = {"varchar": "12", "char": "1", "decimal": "3", "nvarchar": "-9"}[name]
    return code, args[0], args[1] if len(args) > 1 else "0"


def dsx_quote(v):
    return '"%s"' % v.replace("\\", "\\\\").replace('"', '\\"')


def mini(name, value, subs=()):
    """A property in the parallel stages' list format: \\(2)\\(2)0\\(1)\\(3)name\\(2)value\\(2)0..."""
    s = "\\(2)\\(2)0\\(1)\\(3)%s\\(2)%s\\(2)0" % (name, value)
    for n, v in subs:
        s += "\\(1)\\(3)\\(3)%s\\(2)%s\\(2)0" % (n, v)
    return s


class Out:
    def __init__(self, fmt):
        self.fmt, self.lines = fmt, []

    def add(self, depth, text):
        self.lines.append("   " * depth + text)


def dsx_props(o, d, props):
    for k, v in props:
        if "\n" in v:
            o.add(d, "%s =+=+=+=" % k)
            o.lines.extend(v.split("\n"))
            o.lines.append("=+=+=+=")
        else:
            o.add(d, "%s %s" % (k, dsx_quote(v)))


def xml_props(o, d, props):
    for k, v in props:
        pre = ' PreFormatted="1"' if "\n" in v else ""
        o.add(d, '<Property Name="%s"%s>%s</Property>' % (k, pre, escape(v)))


def coll(o, d, name, typ, subs):
    if not subs:
        return
    if o.fmt == "dsx":
        o.add(d, '%s "C%s"' % (name, typ))
        for s in subs:
            o.add(d, "BEGIN DSSUBRECORD")
            dsx_props(o, d + 1, s)
            o.add(d, "END DSSUBRECORD")
    else:
        o.add(d, '<Collection Name="%s" Type="%s">' % (name, typ))
        for s in subs:
            o.add(d + 1, "<SubRecord>")
            xml_props(o, d + 2, s)
            o.add(d + 1, "</SubRecord>")
        o.add(d, "</Collection>")


def record(o, ident, typ, props, colls):
    if o.fmt == "dsx":
        o.add(1, "BEGIN DSRECORD")
        dsx_props(o, 2, [("Identifier", ident), ("OLEType", typ), ("Readonly", "0")] + props)
        for c in colls:
            coll(o, 2, *c)
        o.add(1, "END DSRECORD")
    else:
        o.add(2, '<Record Identifier="%s" Type="%s" Readonly="0">' % (ident, typ[1:]))
        xml_props(o, 3, props)
        for c in colls:
            coll(o, 3, *c)
        o.add(2, "</Record>")


def columns(cols, trx_out):
    subs = []
    for c in cols:
        name, t = c[0], c[1]
        opts = c[2] if len(c) > 2 else {}
        code, prec, scale = col_type(t)
        s = [("Name", name), ("SqlType", code), ("Precision", prec), ("Scale", scale),
             ("Nullable", "1" if opts.get("null", True) else "0"), ("KeyPosition", "1" if opts.get("key") else "0")]
        if "deriv" in opts:
            s += [("Derivation", opts["deriv"]), ("ParsedDerivation", opts["deriv"])]
        if "source" in opts:
            s += [("SourceColumn", opts["source"])]
        subs.append(s)
    return subs


def write(job, fmt):
    """job: {name, category, params: [(name, prompt, default, type code)],
    stages: [{name, type (StageType), ole (OLEType, when not CCustomStage
    or CTransformerStage), trx, props: [(name, value)], vars:
    [(name, expr, init, type)]}], links: [{name, src, dst, cols,
    props_out, props_in, constraint, reject, errorpin, in_cols}]}"""
    o = Out(fmt)
    if fmt == "dsx":
        o.lines += ["BEGIN HEADER", '   CharacterSet "CP1252"', '   ExportingTool "IBM InfoSphere DataStage Export"',
                    '   ToolVersion "8"', '   ServerName "ETLDEV"', '   ToolInstanceID "DEMO"', '   MDISVersion "1.0"',
                    '   Date "2024-03-05"', '   Time "10.00.00"', '   ServerVersion "11.7"', "END HEADER",
                    "BEGIN DSJOB", '   Identifier "%s"' % job["name"], '   DateModified "2024-03-05"',
                    '   TimeModified "10.00.00"']
    else:
        o.lines += ['<?xml version="1.0" encoding="UTF-8"?>', "<DSExport>",
                    '   <Header CharacterSet="CP1252" ExportingTool="IBM InfoSphere DataStage Export" ToolVersion="8" '
                    'ServerName="ETLDEV" ToolInstanceID="DEMO" MDISVersion="1.0" Date="2024-03-05" Time="10.00.00" '
                    'ServerVersion="11.7"/>',
                    '   <Job Identifier="%s" DateModified="2024-03-05" TimeModified="10.00.00">' % job["name"]]
    params = [[("Name", n), ("Prompt", p), ("Default", d), ("ParamType", t), ("ParamLength", "0"), ("ParamScale", "0")]
              for n, p, d, t in job.get("params", [])]
    root = [("Name", job["name"]), ("Description", job.get("description", "")), ("JobType", "3"),
            ("Category", job.get("category", "\\Jobs\\E2E"))]
    record(o, "ROOT", job.get("root_type", "CJobDefn"), root, [("Parameters", "Parameters", params)])
    sid = {s["name"]: "V0S%d" % i for i, s in enumerate(job["stages"])}
    pins = {}  # (stage, link, dir) -> pin id
    counters = {}
    for ln in job["links"]:
        for st, d in ((ln["src"], "out"), (ln["dst"], "in")):
            counters[st] = counters.get(st, 0) + 1
            pins[(st, ln["name"], d)] = "%sP%d" % (sid[st], counters[st])
    for s in job["stages"]:
        ins = [pins[(s["name"], ln["name"], "in")] for ln in job["links"] if ln["dst"] == s["name"]]
        outs = [pins[(s["name"], ln["name"], "out")] for ln in job["links"] if ln["src"] == s["name"]]
        trx = s.get("trx", False)
        props = [("Name", s["name"])]
        if ins:
            props.append(("InputPins", "|".join(ins)))
        if outs:
            props.append(("OutputPins", "|".join(outs)))
        if s["type"]:
            props.append(("StageType", s["type"]))
        colls = []
        if s.get("vars"):
            vs = []
            for n, e, init, t in s["vars"]:
                code, prec, scale = col_type(t)
                vs.append([("Name", n), ("Expression", e), ("ParsedExpression", e), ("SqlType", code),
                           ("Precision", prec), ("ColScale", scale), ("InitialValue", init)])
            colls.append(("StageVars", "StageVar", vs))
        if s.get("props"):
            colls.append(("Properties", "CustomProperty", [[("Name", k), ("Value", v)] for k, v in s["props"]]))
        record(o, sid[s["name"]], s.get("ole", "CTransformerStage" if trx else "CCustomStage"), props, colls)
        for ln in job["links"]:
            for d in ("in", "out"):
                if ln[{"in": "dst", "out": "src"}[d]] != s["name"]:
                    continue
                other = ln["dst"] if d == "out" else ln["src"]
                partner = pins[(other, ln["name"], "in" if d == "out" else "out")]
                pp = [("Name", ln["name"]), ("Partner", "%s|%s" % (sid[other], partner))]
                if d == "in":
                    pp.append(("LinkType", ln.get("link_type", "1")))
                if d == "out" and trx:
                    if ln.get("constraint"):
                        pp += [("Constraint", ln["constraint"]), ("ParsedConstraint", ln["constraint"])]
                    pp += [("Reject", "1" if ln.get("reject") else "0"), ("ErrorPin", "1" if ln.get("errorpin") else "0")]
                elif d == "out" and ln.get("reject"):
                    pp.append(("Reject", "1"))
                pc = [("Properties", "CustomProperty", [[("Name", k), ("Value", v)] for k, v in ln.get("props_" + d, [])])]
                cols = ln["cols"] if d == "out" else ln.get("in_cols", [])
                pc.append(("Columns", "OutputColumn" if d == "out" else "InputColumn", columns(cols, trx)))
                ptype = ("CTrx" if trx else "CCustom") + ("Input" if d == "in" else "Output")
                record(o, partner if False else pins[(s["name"], ln["name"], d)], ptype, pp, pc)
    if fmt == "dsx":
        o.lines.append("END DSJOB")
    else:
        o.lines += ["   </Job>", "</DSExport>"]
    return "\n".join(o.lines) + "\n"


def connector_xml(usage):
    """An Oracle connector's XMLProperties document with Usage leaves
    [(name, type, value)] (IBM, "Oracle connector properties")."""
    body = "".join("<%s modified='1' type='%s'><![CDATA[%s]]></%s>" % (n, t, v, n) for n, t, v in usage)
    return ("<?xml version='1.0' encoding='UTF-16'?><Properties version='1.1'><Common><Context type='int'>1"
            "</Context><Variant type='string'>11</Variant></Common><Usage>%s</Usage></Properties >" % body)

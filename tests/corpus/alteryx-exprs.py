#!/usr/bin/env python3
"""alteryx-exprs.py - the Alteryx formula translator on real workflows.

Extracts every expression of the Formula (FormulaField/@expression),
Filter (custom mode: Configuration/Expression), Multi-Row Formula
(Configuration/Expression) and Generate Rows (Init/Condition/Loop
expressions) tools of the given .yxmd/.yxmc/.yxwz files (independently of
the project's frontend: ElementTree), translates each one with
`akko-migrate expr --from alteryx` (names untyped), and prints how many
parse and how many translate, grouping the diagnostics of the rest
(exprcheck.py, shared with datastage-exprs.py).

    tests/corpus/alteryx-exprs.py ./akko-migrate ../shared/corpus/alteryx/*.yx*
    tests/corpus/alteryx-exprs.py --seeds DIR FILES...   # fuzz seeds, one per expression

Exit status 0 when the number of expressions that do not parse is
--syntax-errors (default 0: the corpus has one broken formula), else 1.
"""
import os
import sys
import xml.etree.ElementTree as ET

import exprcheck

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


def formulas(path):
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


def expressions(path):
    """(where, kind, expression) of every formula in the file."""
    for tid, kind, e in formulas(path):
        yield f"{os.path.basename(path)} tool {tid}", kind, e


if __name__ == "__main__":
    sys.exit(exprcheck.main("alteryx", expressions))

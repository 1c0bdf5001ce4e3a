/* diag.h - located diagnostics in GNU format with a caret, a stable code
 * and a hint (src/base).
 *
 *   m.xml:41:13: error: connector names unknown instance 'EXP_X' [E0304]
 *     in mapping 'm_load':
 *       <CONNECTOR FROMFIELD ="A" FROMINSTANCE ="EXP_X" ...
 *                                              ^~~~~
 *     hint: ...
 *
 * Every code lives in the catalogue below (code, severity, one-line hint);
 * docs/diagnostics.md lists them and tests/golden.sh shows each one's exact
 * text.  A DiagSink counts what was reported and the compiler goes on with
 * the next object; only usage and I/O errors end the process.
 */
#ifndef AKKO_BASE_DIAG_H
#define AKKO_BASE_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/sbuf.h"
#include "base/srcfile.h"
#include "base/util.h"

typedef enum DiagSeverity { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR } DiagSeverity;

/* clang-format off */
/* X(enum name, code, severity, hint) */
#define DIAG_CODE_LIST(X)                                                                        \
	/* input files (E00xx) */                                                                \
	X(E_IO_READ, "E0001", DIAG_ERROR, "check the path and the file's permissions")            \
	X(E_EMPTY_FILE, "E0002", DIAG_ERROR, "the export is empty; export the object again")      \
	X(E_NOT_ETL, "E0003", DIAG_ERROR,                                                          \
	  "pass a PowerCenter XML export (root element POWERMART); in the Repository Manager "     \
	  "use Repository > Export Objects")                                                       \
	X(E_TOOL_UNSUPPORTED, "E0004", DIAG_ERROR,                                                 \
	  "the file's tool is read ('inspect') but has no conversion rules; every tool converts "  \
	  "today")                                                                                 \
	X(E_BINARY, "E0005", DIAG_ERROR, "job exports are text; this looks like a binary file")   \
	X(E_IO_WRITE, "E0006", DIAG_ERROR, "check that the output directory exists and is writable") \
	X(E_OUTDIR_BUSY, "E0007", DIAG_ERROR,                                                      \
	  "bulk runs into one OUTDIR take turns: wait for the other run to end, or give each run "  \
	  "(each shard) its own -o OUTDIR and merge them with 'akko-migrate report' "             \
	  "(docs/scale.md)")                                                                       \
	/* XML layer (E01xx) */                                                                    \
	X(E_XML_SYNTAX, "E0101", DIAG_ERROR,                                                       \
	  "the file is not well-formed XML; a truncated copy or a hand edit is the usual cause")   \
	X(E_XML_ENCODING, "E0102", DIAG_ERROR,                                                     \
	  "the bytes do not match the declared encoding; declare the real one, e.g. "              \
	  "<?xml version=\"1.0\" encoding=\"Windows-1252\"?>")                                  \
	X(E_XML_ENCODING_NAME, "E0103", DIAG_ERROR,                                                \
	  "declare UTF-8, ISO-8859-1 or Windows-1252 in the XML declaration")                   \
	X(E_XML_ENTITY, "E0104", DIAG_ERROR,                                                       \
	  "job exports never declare entities; the file was altered, possibly to attack the "      \
	  "reader (XXE or entity expansion), so it is refused")                                   \
	/* PowerCenter structure (E03xx, W03xx) */                                                 \
	X(E_INFA_MISSING_ATTR, "E0302", DIAG_ERROR, "the element lacks a required attribute")      \
	X(E_INFA_UNKNOWN_TYPE, "E0303", DIAG_ERROR,                                                \
	  "known types are listed in docs/ast.md; please report the export so it can be added")   \
	X(E_INFA_CONNECTOR_INSTANCE, "E0304", DIAG_ERROR,                                          \
	  "every CONNECTOR must name an INSTANCE of the same mapping")                            \
	X(E_INFA_CONNECTOR_PORT, "E0305", DIAG_ERROR,                                              \
	  "every CONNECTOR must name a port of its instance's transformation")                    \
	X(E_INFA_LINK_TASK, "E0308", DIAG_ERROR,                                                   \
	  "every WORKFLOWLINK must join two task instances of the same workflow or worklet")      \
	X(E_INFA_MAPPLET_PORT, "E0309", DIAG_ERROR,                                                \
	  "the port is not in the mapplet's interface (its Input and Output transformations)")    \
	X(E_INFA_RECURSION, "E0310", DIAG_ERROR, "a mapplet or worklet cannot contain itself")     \
	X(W_INFA_DUPLICATE, "W0311", DIAG_WARNING, "names must be unique; the first one is used") \
	X(W_INFA_TEMPLATE, "W0312", DIAG_WARNING,                                                  \
	  "the custom transformation is kept as an opaque step for manual review")               \
	X(W_INFA_TASK_TYPE, "W0313", DIAG_WARNING,                                                 \
	  "the task is kept as an opaque task for manual review")                                 \
	X(W_INFA_PORT_TYPE, "W0314", DIAG_WARNING,                                                  \
	  "the port keeps the directions that were recognised, and its PORTTYPE as written")     \
	X(W_INFA_DATATYPE, "W0315", DIAG_WARNING,                                                  \
	  "the datatype is kept as written and typed 'unknown'")                                  \
	X(W_INFA_LOAD_ORDER, "W0316", DIAG_WARNING,                                                 \
	  "the entry is kept as written but names no step; check the mapping's targets")         \
	X(W_INFA_SHORTCUT_UNUSED, "W0317", DIAG_WARNING,                                           \
	  "nothing uses this shortcut, so the export is still complete")                         \
	X(W_INFA_SESSION_MAPPING, "W0318", DIAG_WARNING,                                           \
	  "the session is kept without its mapping; export the mapping too")                     \
	X(W_INFA_TASK_UNDEFINED, "W0319", DIAG_WARNING,                                            \
	  "the task instance is kept unresolved, with its type and name, for review; export "      \
	  "its definition too")                                                                   \
	X(W_INFA_INSTANCE_UNDEFINED, "W0320", DIAG_WARNING,                                        \
	  "the instance is kept unresolved, with the ports its connectors name, and becomes a "    \
	  "placeholder for review; export its definition too (pmrep ObjectExport -r -s)")         \
	/* rule engine (W06xx) */                                                                \
	X(W_RULE_OVERRIDE, "W0601", DIAG_WARNING,                                                  \
	  "the runner runs this SQL on the source connection as written; check it there")         \
	X(W_RULE_DIFFERENCE, "W0602", DIAG_WARNING,                                                \
	  "the SQL differs from the source tool here; compare the results on real data")          \
	X(W_RULE_FALLBACK, "W0603", DIAG_WARNING,                                                  \
	  "convert the node by hand or configure an LLM; the gate fails until it is reviewed")    \
	X(W_RULE_SQL_PARAM, "W0604", DIAG_WARNING,                                                 \
	  "set the parameter as akko.<name> when running the pipeline")                           \
	X(W_RULE_SQL_CHECK, "W0605", DIAG_WARNING,                                                 \
	  "PostgreSQL's parser or the safety check refused the SQL; convert the node by hand")    \
	X(W_RULE_UNFED, "W0606", DIAG_WARNING,                                                     \
	  "connect the port in the mapping if it should carry a value")                           \
	X(W_RULE_CONVERT, "W0607", DIAG_WARNING,                                                   \
	  "PowerCenter converts a value entering a port of another datatype; so does the SQL")    \
	/* expressions (E05xx, W05xx) */                                                          \
	X(E_EXPR_SYNTAX, "E0501", DIAG_ERROR,                                                      \
	  "check the parentheses, commas and quotes near the caret")                              \
	X(E_EXPR_FUNCTION, "E0502", DIAG_ERROR,                                                    \
	  "docs/functions.md lists every function the translator knows")                         \
	X(E_EXPR_ARITY, "E0503", DIAG_ERROR, "docs/functions.md gives each function's arguments") \
	X(E_EXPR_TYPE, "E0504", DIAG_ERROR,                                                        \
	  "convert explicitly: PowerCenter through TO_CHAR, TO_INTEGER, TO_DECIMAL, TO_DATE and " \
	  "the date functions, SSIS with a cast such as (DT_WSTR, 10)")                          \
	X(E_EXPR_NAME, "E0505", DIAG_ERROR,                                                        \
	  "a name must be a port of the transformation, a variable port defined above it, a "    \
	  "parameter or a built-in constant")                                                      \
	X(E_EXPR_ARG, "E0506", DIAG_ERROR, "docs/expressions.md lists the units and format tokens") \
	X(E_EXPR_LOOKUP, "E0507", DIAG_ERROR,                                                      \
	  ":LKP. must name an unconnected Lookup transformation of the mapping")                  \
	X(W_EXPR_UNSUPPORTED, "W0510", DIAG_WARNING,                                               \
	  "the expression cannot be translated; its node goes to the fallback path for review")   \
	X(W_EXPR_DIFFERENCE, "W0511", DIAG_WARNING,                                                \
	  "the SQL is the closest PostgreSQL allows; check the named difference on real data")    \
	X(W_EXPR_UNVERIFIED, "W0512", DIAG_WARNING,                                                \
	  "the source tool's behaviour here is not verified; compare results on real data")      \
	X(W_EXPR_SETTING, "W0513", DIAG_WARNING,                                                   \
	  "the result depends on a session setting; check the session's configuration")          \
	X(W_EXPR_IGNORED, "W0514", DIAG_WARNING, "the argument has no SQL equivalent and is ignored") \
	X(W_EXPR_UNTYPED, "W0515", DIAG_WARNING,                                                   \
	  "declare the type (akko-migrate expr --types NAME=TYPE) so conversions are exact")      \
	X(W_EXPR_PARAM, "W0516", DIAG_WARNING,                                                     \
	  "declare the parameter in the job or pass its type with --types '$$NAME=TYPE' "         \
	  "(SSIS: '@[User::NAME]=DT_I4')")                                                       \
	X(W_EXPR_ASSIGN, "W0517", DIAG_WARNING,                                                    \
	  "the orchestration sets the variable (Expression Task, For Loop); the SQL computes "    \
	  "the value it is given")                                                                \
	/* orchestration rules (W062x) */                                                          \
	X(W_ORCH_COMMAND, "W0620", DIAG_WARNING,                                                   \
	  "operating-system commands are kept as written in 'commands', not converted; port "     \
	  "them to the runner by hand")                                                            \
	X(W_ORCH_CONDITION, "W0621", DIAG_WARNING,                                                 \
	  "the condition is kept as written (condition_source) with no SQL; the task needs review") \
	X(W_ORCH_STATUS, "W0622", DIAG_WARNING,                                                    \
	  "the pipeline YAML knows the outcomes success and failure only; a disabled task has no " \
	  "counterpart (docs/orchestration.md)")                                                  \
	X(W_ORCH_TASK_VAR, "W0623", DIAG_WARNING,                                                  \
	  "the runner must set akko.<task>__<attribute> when the task ends "                       \
	  "(docs/orchestration.md)")                                                               \
	X(W_ORCH_OPAQUE, "W0624", DIAG_WARNING, "the task is kept opaque for manual review")      \
	X(W_ORCH_CYCLE, "W0625", DIAG_WARNING,                                                     \
	  "the tasks are kept in source order; check the workflow's links")                       \
	X(W_ORCH_SETTING, "W0626", DIAG_WARNING,                                                   \
	  "the setting has no field in the pipeline YAML; the runner must be told by hand")       \
	X(W_ORCH_DISABLED, "W0627", DIAG_WARNING,                                                  \
	  "the pipeline YAML has no disabled flag; remove the task or enable it")                 \
	X(W_ORCH_SESSION_ASSIGN, "W0628", DIAG_WARNING,                                            \
	  "variable assignments before or after a session are not converted; set the workflow "  \
	  "variable's setting in the runner")                                                      \
	/* parameter files (E04xx, W04xx) */                                                       \
	X(E_PARAM_READ, "E0401", DIAG_ERROR, "check the --param-file path")                        \
	X(W_PARAM_LINE, "W0402", DIAG_WARNING,                                                     \
	  "parameter lines read NAME=VALUE; the line is ignored")                                 \
	X(W_PARAM_SECTION, "W0403", DIAG_WARNING,                                                  \
	  "sections read [Global], [folder.WF:workflow], [folder.WF:workflow.ST:session] or "     \
	  "[folder.session]; lines up to the next section are ignored")                           \
	X(W_PARAM_OUTSIDE, "W0404", DIAG_WARNING,                                                  \
	  "put assignments under a [section] header; they are ignored")                           \
	X(N_PARAM_UNMATCHED, "N0405", DIAG_NOTE,                                                   \
	  "the section names no workflow, worklet or session in this export; its values are "     \
	  "kept with the file but applied to nothing")                                             \
	/* pipeline YAML validation (E07xx) */                                                     \
	X(E_VAL_YAML, "E0701", DIAG_ERROR,                                                         \
	  "the file is not well-formed YAML; check the indentation and quotes near the position") \
	X(E_VAL_YAML_FEATURE, "E0702", DIAG_ERROR,                                                 \
	  "pipeline YAML is one plain document: no anchors, aliases, tags or deep nesting")       \
	X(E_VAL_DUPLICATE_KEY, "E0703", DIAG_ERROR, "each key appears once per mapping")           \
	X(E_VAL_VERSION, "E0704", DIAG_ERROR, "this validator reads pipeline YAML version 1")      \
	X(E_VAL_MISSING_KEY, "E0705", DIAG_ERROR,                                                  \
	  "'akko-migrate help schema' lists the required keys of each object")                    \
	X(E_VAL_TYPE, "E0706", DIAG_ERROR,                                                         \
	  "'akko-migrate help schema' gives each key's type and allowed values")                  \
	X(E_VAL_UNKNOWN_KEY, "E0707", DIAG_ERROR,                                                  \
	  "unknown keys are errors, so a typo cannot pass as an ignored key; see 'akko-migrate "  \
	  "help schema'")                                                                          \
	X(E_VAL_ID, "E0708", DIAG_ERROR,                                                           \
	  "ids are unique in their pipeline or workflow and match [a-z_][a-z0-9_]{0,62}")         \
	X(E_VAL_DEPENDS, "E0709", DIAG_ERROR,                                                      \
	  "depends_on names earlier nodes of the same pipeline: nodes are listed in dependency "  \
	  "order, so there are no cycles")                                                         \
	X(E_VAL_SQL_MISSING, "E0710", DIAG_ERROR,                                                  \
	  "every node type but source_file and placeholder carries one SELECT in 'sql'")          \
	X(E_VAL_SQL, "E0711", DIAG_ERROR,                                                          \
	  "a SQL node is one SELECT that reads its inputs and calls only the functions the "      \
	  "translator emits; no DML, DDL, catalogs or side effects")                              \
	X(E_VAL_RELATION, "E0712", DIAG_ERROR,                                                     \
	  "FROM and JOIN name the node's depends_on ids (a source_table: its table.name), or "    \
	  "CTEs and derived tables of the statement")                                             \
	X(E_VAL_COLUMN, "E0713", DIAG_ERROR,                                                       \
	  "a column must be in the 'columns' of the node the relation names, or an output of "    \
	  "the derived table")                                                                     \
	X(E_VAL_REVIEW, "E0714", DIAG_ERROR,                                                       \
	  "a placeholder, llm_unavailable or unsupported node has review: true (a placeholder "   \
	  "also confidence 0)")                                                                    \
	X(E_VAL_REFERENCE, "E0715", DIAG_ERROR,                                                    \
	  "tasks depend on tasks of the same workflow, run pipelines of this file, and checks "   \
	  "name nodes of their pipeline")                                                          \
	X(E_VAL_COMPOSE, "E0716", DIAG_ERROR,                                                      \
	  "a sink composes only when every ancestor has SQL (or is a source_file); review the "   \
	  "placeholder first")                                                                 \
	X(E_VAL_PARAMETER, "E0717", DIAG_ERROR,                                                    \
	  "every current_setting('akko.<key>') names the 'setting' of a parameter in the "       \
	  "pipeline's 'parameters'; PostgreSQL refuses an unknown setting at run time")           \
	/* migration report (E08xx, W08xx) */                                                      \
	X(E_REPORT_CONFIG_YAML, "E0801", DIAG_ERROR,                                               \
	  "the effort config is YAML; start from a copy of docs/effort.yaml")                     \
	X(E_REPORT_CONFIG_KEY, "E0802", DIAG_ERROR,                                                \
	  "docs/effort.md lists the keys; each appears once, and keys left out keep their "      \
	  "default")                                                                               \
	X(E_REPORT_CONFIG_VALUE, "E0803", DIAG_ERROR,                                              \
	  "hours are numbers >= 0, bands fall within 0..1, thresholds are whole numbers that "   \
	  "rise from medium to very_complex (docs/effort.md)")                                    \
	X(E_REPORT_LINE, "E0804", DIAG_ERROR,                                                      \
	  "each line of results.jsonl is one JSON object written by 'akko-migrate convert DIR "   \
	  "-o OUT' (docs/report.md); the line is counted and left out of the report")            \
	X(W_REPORT_CONFLICT, "W0805", DIAG_WARNING,                                                \
	  "two inputs hold different contents for the same file; the later input's line is kept") \
	X(E_REPORT_EMPTY, "E0806", DIAG_ERROR,                                                     \
	  "pass the results.jsonl files of 'akko-migrate convert DIR -o OUT' runs")                \
	X(E_REPORT_TREE, "E0807", DIAG_ERROR,                                                      \
	  "a result tree (an OUTDIR) is read when it holds one run's results.jsonl or one "       \
	  "sharded run's results.shard-K-of-N.jsonl files; otherwise name the files to read")    \
	X(W_REPORT_SHARDS, "W0808", DIAG_WARNING,                                                  \
	  "the report covers only the shards read; pass the missing shards' results too (a "      \
	  "shard whose job failed wrote none: run it again; docs/scale.md)")                      \
	/* the LLM fallback (W09xx, docs/llm.md) */                                                \
	X(W_LLM_DRAFT, "W0901", DIAG_WARNING,                                                      \
	  "an LLM draft is validated, not proven: compare the node's output with the legacy run "  \
	  "(its low_confidence_reconciliation check); the gate fails until it is reviewed")       \
	X(W_LLM_FAILED, "W0902", DIAG_WARNING,                                                     \
	  "check the LLM server (AKKO_LLM_URL, --llm-timeout); the node is kept for manual "       \
	  "review and a rerun asks again")                                                         \
	X(W_LLM_REJECTED, "W0903", DIAG_WARNING,                                                   \
	  "the validator accepts one safe SELECT over the node's inputs with exactly its columns; " \
	  "the node is kept for manual review")                                                    \
	X(W_LLM_NOT_ASKED, "W0904", DIAG_WARNING,                                                  \
	  "the node is kept for manual review; answers already received are cached, so a rerun "  \
	  "asks only for the rest")                                                                \
	X(W_LLM_UNSURE, "W0905", DIAG_WARNING,                                                     \
	  "the model is not sure enough to use its draft; the node is kept for manual review") \
	/* SSIS packages (E10xx, W10xx, N10xx) */                                                  \
	X(E_SSIS_NOT_PACKAGE, "E1001", DIAG_ERROR,                                                 \
	  "pass a package as SSIS saves it: a root DTS:Executable of a package type "             \
	  "(Microsoft.Package, SSIS.Package.2 or .3, MSDTS.Package.1)")                               \
	X(E_SSIS_ENCRYPTED, "E1002", DIAG_ERROR,                                                   \
	  "save the package with ProtectionLevel DontSaveSensitive (Visual Studio, or dtutil "    \
	  "/Encrypt FILE;out.dtsx;0) and convert that copy")                                      \
	X(W_SSIS_ENCRYPTED_SENSITIVE, "W1003", DIAG_WARNING,                                       \
	  "the encrypted values (passwords, connection strings) are not read; everything else is") \
	X(N_SSIS_SENSITIVE, "N1004", DIAG_NOTE,                                                    \
	  "sensitive values (passwords, secrets) are never kept; supply them where the pipeline "  \
	  "runs")                                                                                    \
	X(W_SSIS_TASK_TYPE, "W1005", DIAG_WARNING,                                                 \
	  "the task is kept as an opaque task for manual review; please report its type so it "   \
	  "can be added")                                                                          \
	X(W_SSIS_COMPONENT, "W1006", DIAG_WARNING,                                                 \
	  "the component is kept as an opaque step for manual review; please report its class "   \
	  "id so it can be added")                                                                 \
	X(W_SSIS_DISABLED, "W1007", DIAG_WARNING,                                                  \
	  "a disabled executable is kept, marked enabled: false; SSIS does not run it")           \
	X(E_SSIS_LINK, "E1008", DIAG_ERROR,                                                        \
	  "a precedence constraint joins two executables of the same container")                 \
	X(E_SSIS_PATH, "E1009", DIAG_ERROR,                                                        \
	  "a path joins an output to an input of components of the same data flow")              \
	X(W_SSIS_LINEAGE, "W1010", DIAG_WARNING,                                                   \
	  "no output column of the data flow has that lineage id; the reference is kept as "      \
	  "written; open the data flow in the designer to repair it")                              \
	X(W_SSIS_SQL_TASK, "W1020", DIAG_WARNING,                                                  \
	  "the statement is kept as written, in its source's dialect, with its bindings; check "  \
	  "it against the target database before the runner runs it")                              \
	X(W_SSIS_SCRIPT_TASK, "W1021", DIAG_WARNING,                                               \
	  "the script's code is kept in 'code' for review; nothing runs it: port it to the runner") \
	X(W_SSIS_FOREACH, "W1022", DIAG_WARNING,                                                   \
	  "the runner enumerates the items as the enumerator's settings say; check that it can")  \
	X(W_SSIS_NO_VALUE, "W1030", DIAG_WARNING,                                                  \
	  "the component goes to review: write the column's value by hand, or check the "         \
	  "component's settings in the designer")                                                 \
	X(W_SSIS_QUERY_VAR, "W1031", DIAG_WARNING,                                                 \
	  "the query is the variable's declared value; check what the runs set it to")        \
	/* Alteryx workflows, macros and apps (E11xx, W11xx, N11xx) */                             \
	X(E_AYX_NOT_DOCUMENT, "E1101", DIAG_ERROR,                                                 \
	  "pass a workflow, macro or app as Designer saves it: a root AlteryxDocument holding "   \
	  "<Nodes>")                                                                                \
	X(N_AYX_KIND, "N1102", DIAG_NOTE,                                                          \
	  "RuntimeProperties/ModuleType decides what the file is; rename it if the extension is " \
	  "wrong")                                                                                  \
	X(W_AYX_UNKNOWN_TOOL, "W1103", DIAG_WARNING,                                               \
	  "the tool is kept as 'unknown' with its settings, for review")                           \
	X(E_AYX_CONNECTION, "E1104", DIAG_ERROR,                                                   \
	  "the connection is dropped; the workflow was edited by hand or saved incomplete")       \
	X(W_AYX_DISABLED, "W1105", DIAG_WARNING,                                                   \
	  "tools in a disabled container do not run in Alteryx; they are kept, marked disabled")  \
	X(W_AYX_TOOL_ID, "W1106", DIAG_WARNING,                                                    \
	  "every tool needs its own ToolID; the workflow was edited by hand")                        \
	/* Alteryx macros (src/parsers/alteryx_macro.c, docs/alteryx.md) */                        \
	X(W_AYX_MACRO_NOT_FOUND, "W1107", DIAG_WARNING,                                            \
	  "pass the directory that holds the macro with -I DIR (repeatable); the instance is a "  \
	  "placeholder with the macro's name and anchors until then")                             \
	X(N_AYX_MACRO_BY_NAME, "N1108", DIAG_NOTE,                                                 \
	  "the path as written does not exist here; a macro of the same file name was used: "     \
	  "check it is the same macro")                                                             \
	X(W_AYX_MACRO_UNREADABLE, "W1109", DIAG_WARNING,                                           \
	  "the macro file was found but cannot be read as a macro; the instance is a placeholder") \
	X(E_AYX_MACRO_CYCLE, "E1110", DIAG_ERROR,                                                  \
	  "a macro cannot contain itself, directly or through other macros; Designer refuses it "  \
	  "too")                                                                                    \
	X(E_AYX_MACRO_DEPTH, "E1111", DIAG_ERROR,                                                  \
	  "macros nest deeper than the limit (16); check for a chain of copies of one macro")     \
	X(W_AYX_MACRO_BATCH, "W1112", DIAG_WARNING,                                                \
	  "a batch macro runs once per control row with that row's values in its configuration; " \
	  "it is a placeholder: rewrite it as a join with the control rows, or by hand")          \
	X(W_AYX_MACRO_ITERATIVE, "W1113", DIAG_WARNING,                                            \
	  "an iterative macro loops its output back into its input until a condition or a "       \
	  "maximum; it is a placeholder: rewrite it as a recursive query, or by hand")            \
	X(W_AYX_MACRO_ANCHOR, "W1114", DIAG_WARNING,                                               \
	  "the connection names an anchor the macro does not have (the macro changed since the "  \
	  "workflow was saved); it is dropped")                                                    \
	X(N_AYX_MACRO_QUESTIONS, "N1115", DIAG_NOTE,                                               \
	  "the macro's tools are converted as configured in the macro file (its default "         \
	  "configuration); its questions are recorded as parameters")                              \
	X(W_AYX_MACRO_ANSWERS, "W1116", DIAG_WARNING,                                              \
	  "the instance answers the macro's questions with values other than their defaults; "    \
	  "the macro's Actions that would apply them are not run: its tools are converted as "     \
	  "configured in the macro file, check them against the answers")                          \
	X(W_AYX_MACRO_NOT_MACRO, "W1117", DIAG_WARNING,                                            \
	  "the file a macro instance names is not a macro (RuntimeProperties/ModuleType is not "  \
	  "Macro); the instance is a placeholder") \
	/* the rules for Alteryx tools (W1120-W1149) */                                           \
	X(W_AYX_NO_SCHEMA, "W1120", DIAG_WARNING,                                                  \
	  "run the workflow once in Designer and save it, so that it records the fields (MetaInfo)") \
	X(W_AYX_ORDER, "W1121", DIAG_WARNING,                                                      \
	  "the result depends on the order rows arrive in; add a Sort (or a Record ID at the source) " \
	  "so that the order is defined by the data")                                              \
	X(W_AYX_CROSS_JOIN, "W1122", DIAG_WARNING,                                                 \
	  "every row of one input is joined to every row of the other; check the row counts")      \
	X(W_AYX_TEST, "W1123", DIAG_WARNING,                                                       \
	  "the test is not converted to a check; run it in Designer or write the check by hand") \
	X(N_AYX_STOCK_MACRO, "N1124", DIAG_NOTE,                                                   \
	  "Designer installs this tool as a macro; without the macro file it is converted from "   \
	  "the tool's documented behaviour (docs/rules.md); pass -I DIR with Designer's macro "    \
	  "folder to expand the installed macro instead")                                          \
	X(W_AYX_REGEX, "W1140", DIAG_WARNING,                                                      \
	  "the pattern is translated to PostgreSQL's regular expressions, which may match differently " \
	  "here; check it on real values, or rewrite it without the construct")                   \
	X(W_AYX_SPLIT_EXTRA, "W1141", DIAG_WARNING,                                                \
	  "Alteryx warns at run time about each value with more parts than columns; the SQL drops " \
	  "the extra parts silently")                                                               \
	/* DataStage exports, .dsx and DSExport XML (E12xx, W12xx, N12xx) */                     \
	X(E_DS_TRUNCATED, "E1201", DIAG_ERROR,                                                     \
	  "every BEGIN needs its END; a truncated copy is the usual cause: export the job again")  \
	X(E_DS_MULTILINE, "E1202", DIAG_ERROR,                                                     \
	  "a multi-line value runs from 'Name =+=+=+=' to a line holding only =+=+=+=; the file "  \
	  "was cut or edited by hand")                                                             \
	X(E_DS_SYNTAX, "E1203", DIAG_ERROR,                                                        \
	  "the BEGIN/END blocks do not nest; the file was edited by hand")                         \
	X(W_DS_LINE, "W1204", DIAG_WARNING,                                                        \
	  "the line is skipped; the rest of the export is read")                                   \
	X(E_DS_ARCHIVE, "E1205", DIAG_ERROR,                                                       \
	  "an .isx file is a zip archive of the ISX format (istool export); export the jobs "      \
	  "from the Designer client as .dsx or as XML (Export > DataStage Components)")            \
	X(W_DS_CHARSET, "W1206", DIAG_WARNING,                                                     \
	  "the header's CharacterSet decides how bytes above 0x7F are read; check the text "       \
	  "of the values shown")                                                                    \
	X(W_DS_ESCAPE, "W1207", DIAG_WARNING,                                                      \
	  "DataStage escapes a character as \\(hex code point); the text is kept as written")    \
	X(N_DS_NO_JOB, "N1208", DIAG_NOTE,                                                         \
	  "the export holds no job or sequence: its table definitions, parameter sets and "        \
	  "routines are read, and there is no pipeline to convert")                                \
	X(W_DS_PLACEHOLDER, "W1209", DIAG_WARNING,                                                 \
	  "a template's #NAME# placeholders must be substituted (by the tool that fills the "      \
	  "template) before the job means anything; names and derivations are kept as written")   \
	X(W_DS_STAGE, "W1210", DIAG_WARNING,                                                       \
	  "the stage is kept opaque ('custom', or 'unknown' for a record that is no custom "       \
	  "stage) with its properties, for review; please report its StageType so it can be added")                                                          \
	X(W_DS_RECORD, "W1211", DIAG_WARNING,                                                      \
	  "the record is kept as an extra of its job, for review")                                 \
	X(E_DS_LINK, "E1212", DIAG_ERROR,                                                          \
	  "the link is dropped; a link's Partner must name a stage and pin of the same job")      \
	X(W_DS_DUPLICATE, "W1213", DIAG_WARNING,                                                   \
	  "names must be unique in a job; the later one gets a suffix")                           \
	X(W_DS_SUBFLOW, "W1215", DIAG_WARNING,                                                     \
	  "the shared container is not in this export; its instance stays one step, for review")   \
	X(W_DS_WRITE_MODE, "W1216", DIAG_WARNING,                                                  \
	  "the target is written with the load mode given; check the connector's write mode "      \
	  "and its user-defined statements by hand")                                               \
	X(N_DS_PEEK, "N1217", DIAG_NOTE,                                                           \
	  "a Peek writes rows to the job log only; nothing downstream reads them")                 \
	X(W_DS_MODIFY, "W1218", DIAG_WARNING,                                                      \
	  "the stage goes to review with its specification; the conversions converted are "       \
	  "listed in docs/rules.md, \"DataStage stages\"")                                         \
	X(W_DS_PARTITION, "W1219", DIAG_WARNING,                                                   \
	  "DataStage applies it in each partition; the SQL applies it once over all the rows, as " \
	  "a job run on one node does")                                                            \
	X(W_DS_STAGE_REVIEW, "W1220", DIAG_WARNING,                                                \
	  "the stage goes to review with its properties; docs/rules.md, \"DataStage stages\", "    \
	  "lists what is converted")                                                                \
	X(W_DS_FILTER_NULLS, "W1221", DIAG_WARNING,                                                \
	  "a Filter's comparison with NULL follows its Nulls value option (less than or greater "  \
	  "than every value); in SQL it is unknown, so the row fails that where clause")   \
	X(W_DS_REL_REVIEW, "W1240", DIAG_WARNING,                                                  \
	  "the stage is kept for review with the reason given; its output columns are still "      \
	  "known, so the stages after it convert")                                                 \
	X(W_DS_REL_VALUE, "W1241", DIAG_WARNING,                                                   \
	  "the option's value is not one IBM documents for the stage; the documented default is "  \
	  "used")                                                                                  \
	X(W_DS_REL_COLUMN, "W1242", DIAG_WARNING,                                                  \
	  "a key or a mapped column must name a column of one of the stage's input links")   \
	X(W_DS_REL_STATE, "W1243", DIAG_WARNING,                                                   \
	  "the keys start at the initial value on every run; seed it from the last key loaded, or "  \
	  "generate the keys in the target database")   \
	/* DataStage sequences and parameters (W1260-W1279) */                                    \
	X(W_DS_SEQ_JOB_ELSEWHERE, "W1260", DIAG_WARNING,                                           \
	  "the job is not in this export: the task runs it as a package (the conversion of the "   \
	  "export that holds it); convert that export too")                                        \
	X(W_DS_SEQ_WARNINGS, "W1261", DIAG_WARNING,                                                \
	  "a pipeline has no 'finished with warnings' outcome: success covers DataStage's OK and " \
	  "Warning, so the trigger follows either")                                                \
	X(W_DS_SEQ_RUN_MODE, "W1262", DIAG_WARNING,                                                \
	  "a pipeline has no validation or reset run; the task keeps the execution action in "     \
	  "run_mode for review")                                                                   \
	X(W_DS_SEQ_PROJDEF, "W1263", DIAG_WARNING,                                                 \
	  "$PROJDEF takes the project's default of the environment variable (Administrator "       \
	  "client); the runner must supply that value")                                            \
	X(W_DS_SEQ_ROUTINE, "W1264", DIAG_WARNING,                                                 \
	  "a routine is DataStage BASIC: it is kept as code for review, not run")                  \
	X(W_DS_SEQ_LOOP, "W1265", DIAG_WARNING,                                                    \
	  "a Start Loop needs its End Loop (the End Loop's trigger back to it) and triggers that " \
	  "stay inside the loop; check the loop by hand")                                          \
	X(W_DS_SEQ_WAIT, "W1266", DIAG_WARNING,                                                    \
	  "the file, the wait mode and the timeout are in the task's note; the runner must wait " \
	  "for the file")                                                                          \
	X(W_DS_SEQ_TERMINATOR, "W1267", DIAG_WARNING,                                              \
	  "the Terminator's stop requests and final message are in the task's note")               \
	X(W_DS_SEQ_TRIGGER, "W1268", DIAG_WARNING,                                                 \
	  "trigger types: Unconditional, Otherwise, OK, Failed, Warning, Custom, UserStatus, "     \
	  "ReturnValue; the trigger is kept as written, for review")                              \
	X(W_DS_SEQ_HANDLER, "W1269", DIAG_WARNING,                                                 \
	  "the Exception Handler runs when an activity fails to run, or aborts with no failure "   \
	  "trigger of its own (with 'Automatically handle activities that fail'); check which "    \
	  "failures reach it")                                                                     \
	X(W_DS_SEQ_NOTIFY, "W1270", DIAG_WARNING,                                                  \
	  "the recipients, subject and body are in the task's note; the runner sends the mail")                            \
	X(W_DS_SEQ_PARAM_SET, "W1271", DIAG_WARNING,                                               \
	  "the job reads the set's members from their settings; the runner must set them from "   \
	  "the value file named (each member's values list it by section)")   \
	/* DataStage containers (W1280-W1289) */                                                  \
	X(W_DS_CONTAINER_CYCLE, "W1280", DIAG_WARNING,                                             \
	  "a shared container cannot contain itself; the instance stays one step, for review")    \
	X(W_DS_CONTAINER_LINK, "W1281", DIAG_WARNING,                                              \
	  "each link of an instance maps to a container link (Map to Container Link); the "       \
	  "instance stays one step, for review")                                                  \
	X(W_DS_CONTAINER_COLUMN, "W1282", DIAG_WARNING,                                            \
	  "a job link's columns are matched to the container link's by name; this one has no "    \
	  "counterpart, so the container does not receive it")                                    \
	X(W_DS_LOCAL_BOUNDARY, "W1283", DIAG_WARNING,                                              \
	  "a local container's stages meet the job's only through its Input and Output stages; "  \
	  "the container is left as drawn and its stage kept for review")                        \
	X(W_DS_CONTAINER_PARAMS, "W1284", DIAG_WARNING,                                            \
	  "the expanded stages read the parameters by name, as the job's; check the values the "  \
	  "instance passes by hand")
/* clang-format on */

typedef enum DiagCode {
#define X(name, code, sev, hint) name,
	DIAG_CODE_LIST(X)
#undef X
	    DIAG_CODE_COUNT
} DiagCode;

const char *diag_code_str(DiagCode c);
DiagSeverity diag_code_severity(DiagCode c);
const char *diag_code_hint(DiagCode c);
const char *diag_severity_name(DiagSeverity s);

/* The full form: everything beyond code, location and message is optional. */
typedef struct Diag {
	DiagCode code;
	SrcLoc loc;
	uint32_t span;       /* caret width in characters (0 = 1) */
	const char *context; /* e.g. "in mapping 'm_load'" */
	const char *snippet; /* shown instead of the source line (e.g. an expression) */
	uint32_t snip_col;   /* 1-based caret column in snippet */
	uint32_t snip_span;  /* caret width in snippet */
	const char *hint;    /* overrides the catalogue hint; "" for none */
} Diag;

typedef struct DiagSink {
	FILE *out;           /* print here as reported (NULL: do not print) */
	Sbuf *collect;       /* also append the text here, if set */
	/* Called with every counted diagnostic and its formatted message,
	 * including errors past max_errors that are not shown (but not notes
	 * dropped by quiet_notes); msg is valid only during the call. */
	void (*on_emit)(void *ud, const Diag *d, const char *msg);
	void *on_emit_ud;
	unsigned counts[3];  /* per severity */
	unsigned max_errors; /* 0 = unlimited; later errors are counted, not shown */
	bool truncated_noted;
	bool quiet_notes; /* drop notes entirely */
} DiagSink;

void diag_init(DiagSink *s, FILE *out);
unsigned diag_errors(const DiagSink *s);
unsigned diag_warnings(const DiagSink *s);

/* Report; returns false so that `return diag_error(...)` ends a failing path. */
bool diag_emit(DiagSink *s, const Diag *d, const char *fmt, ...) PRINTF_LIKE(3, 4);
bool diag_vemit(DiagSink *s, const Diag *d, const char *fmt, va_list ap);
bool diag_error(DiagSink *s, DiagCode code, SrcLoc loc, const char *fmt, ...) PRINTF_LIKE(4, 5);
void diag_warning(DiagSink *s, DiagCode code, SrcLoc loc, const char *fmt, ...) PRINTF_LIKE(4, 5);
void diag_note(DiagSink *s, DiagCode code, SrcLoc loc, const char *fmt, ...) PRINTF_LIKE(4, 5);

/* One diagnostic as data, for machine-readable output (SARIF). */
typedef struct DiagRecord {
	const char *file;   /* path as given on the command line, or NULL */
	uint32_t line, col; /* 1-based; 0 = unknown */
	DiagCode code;
	DiagSeverity severity;
	const char *msg; /* the message, without location, code or hint */
} DiagRecord;

/* Records in report order.  items[i].file and .msg are xmalloc'd copies
 * owned by the list; diag_records_release() frees them all. */
typedef struct DiagRecords {
	DiagRecord *items;
	size_t len, cap;
} DiagRecords;

/* An on_emit hook appending to the DiagRecords passed as ud:
 *   DiagRecords recs = {0};
 *   sink.on_emit = diag_record_collect, sink.on_emit_ud = &recs;  */
void diag_record_collect(void *ud, const Diag *d, const char *msg);
void diag_records_release(DiagRecords *r);

/* Format one diagnostic as text (what diag_emit prints). */
void diag_format(Sbuf *out, const Diag *d, const char *msg);

#endif

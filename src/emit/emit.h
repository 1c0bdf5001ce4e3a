/* emit.h - the pipeline YAML writer (src/emit; the only place that sees
 * libyaml's emitter).
 *
 * Writes an IrDoc as docs/pipeline-yaml.md specifies: fixed key order,
 * literal block style for multi-line SQL, numbers printed the same way on
 * every run, no timestamp unless the IrDoc carries one.
 */
#ifndef AKKO_EMIT_EMIT_H
#define AKKO_EMIT_EMIT_H

#include <stdbool.h>

#include "base/sbuf.h"
#include "rules/ir.h"

/* Append the YAML document for `d` to `out`.  Returns false with a message
 * in *err (static storage) when libyaml refuses it (a bug). */
bool emit_yaml(const IrDoc *d, Sbuf *out, const char **err);

#endif

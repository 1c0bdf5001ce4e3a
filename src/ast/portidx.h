/* portidx.h - where a port sits in its step, in constant time (src/ast).
 *
 * A step's ports are a vector; the rules and the fingerprint ask "which
 * position is this port" and "which is the first port of this name" once
 * per edge or per expression name, which is quadratic over a wide step
 * (thousands of ports).  A PortIndex answers both from hash maps built the
 * first time a step is asked about; a step of few ports is scanned as
 * before.  The AST is not changed: the maps live in the caller's arena and
 * are rebuilt if a step's port count changes.
 */
#ifndef AKKO_AST_PORTIDX_H
#define AKKO_AST_PORTIDX_H

#include "ast/ast.h"
#include "base/ptrmap.h"

typedef struct PortIndex {
	Arena *arena;
	PtrMap steps; /* AstStep * -> its StepPorts (an index into `built`) */
	PtrVec built; /* StepPorts * */
} PortIndex;

void port_index_init(PortIndex *x, Arena *a);
/* The position of p among s's ports, or -1. */
int port_index_of(PortIndex *x, const AstStep *s, const AstPort *p);
/* The position of s's first port called `name` (ASCII letters compared
 * case-insensitively, as ascii_ieq), or -1. */
int port_index_named(PortIndex *x, const AstStep *s, const char *name);

#endif

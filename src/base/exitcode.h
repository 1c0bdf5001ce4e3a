/* exitcode.h - the process exit codes, one documented list (src/base).
 *
 * These values are a stable interface: scripts and CI systems test them.
 * The list is an X-macro so the CLI help and docs/exit-codes.md are
 * generated from the same table (see tests/cli.sh, which checks the doc).
 */
#ifndef AKKO_BASE_EXITCODE_H
#define AKKO_BASE_EXITCODE_H

/* clang-format off */
#define EXIT_CODE_LIST(X)                                                     \
	X(EXIT_OK, 0, "success: every input was read and every output written")  \
	X(EXIT_INPUT, 1, "an input has errors (diagnostics on stderr); no output for it") \
	X(EXIT_USAGE, 2, "bad command line: unknown option, missing argument")   \
	X(EXIT_IO, 3, "an input could not be read or an output could not be written") \
	X(EXIT_GATE, 4, "conversion finished but the confidence gate failed")    \
	X(EXIT_BUSY, 5, "the output directory is in use by another bulk run; nothing was done") \
	X(EXIT_CHECK_FAIL, 6, "verify: a quality check failed, or its statement failed in PostgreSQL") \
	X(EXIT_NOTHING_RUN, 7, "verify: no quality check could be run (none reads only inline data)") \
	X(EXIT_DATABASE, 8, "verify: psql was not found or the PostgreSQL server could not be used") \
	X(EXIT_INTERNAL, 70, "internal error (a bug): please report it")

/* clang-format on */

enum ExitCode {
#define X(name, value, doc) name = value,
	EXIT_CODE_LIST(X)
#undef X
};

#endif

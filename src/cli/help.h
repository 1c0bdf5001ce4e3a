/* help.h - the help text of akko-migrate (help.c) and the command line's
 * error message.
 */
#ifndef AKKO_CLI_HELP_H
#define AKKO_CLI_HELP_H

#include <stdio.h>

/* Print the help for `topic` on stdout (NULL: the usage and the exit
 * codes): EXIT_OK, or EXIT_USAGE for an unknown topic. */
int cli_help(const char *topic);
/* The usage alone, on `out`. */
void cli_print_usage(FILE *out);
/* "akko-migrate: error: " with fmt and arg, then the hint to run help, on
 * stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, const char *arg);

#endif

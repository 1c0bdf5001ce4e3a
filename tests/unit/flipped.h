/* flipped.h - PowerCenter's language with every semantic flag turned the
 * other way (lang.h): the flags SSIS, Alteryx and DataStage need, for
 * tests/unit/test_lang.c and tests/fuzz/fuzz_expr.c. */
#ifndef AKKO_TESTS_FLIPPED_H
#define AKKO_TESTS_FLIPPED_H

#include "expr/lang.h"

static inline Language flipped_language(void)
{
	Language l = *expr_language(LANG_POWERCENTER);
	l.name = "flipped";
	l.sem.concat_skips_null = false;
	l.sem.params_in_strings = false;
	l.sem.fold_identifiers = false;
	l.sem.bool_is_number = false;
	l.sem.string_condition_is_number = false;
	l.sem.decimal_division = false;
	l.sem.null_condition_is_null = true;
	l.sem.case_insensitive_compare = true;
	l.sem.qualified_names = true;
	l.sem.add_concatenates = true;
	l.sem.integer_modulo = true;
	l.sem.arith_reads_strings = true;
	l.sem.strict_string_args = true;
	l.sem.date_args_take_text = true;
	return l;
}

#endif

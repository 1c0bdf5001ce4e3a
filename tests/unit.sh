#!/bin/sh
# unit.sh - the C unit tests (tests/unit/test_*.c).
. "$(dirname "$0")/lib.sh"
for name in test_base test_parsers test_validate test_emit test_rules test_llm test_lang test_ssis test_alteryx test_datastage test_datastage_expr; do
bin="$AKKO_BUILDDIR/tests/unit/$name"
if [ ! -x "$bin" ]; then
	fail "unit test binary $bin exists (run make check)"
else
	out="$TESTS_OUT/$name.tap"
	(cd "$TESTS_OUT" && ${AKKO_TEST_WRAPPER:-} "$bin") > "$out" 2>&1
	rc=$?
	sed -n 's/^\(not ok\|ok\) [0-9]* /\1 /p; /^#/p' "$out"
	if ! grep -q '^1\.\.[0-9]' "$out"; then
		fail "unit tests ran to the end (exit $rc)"
		tail -5 "$out" | sed 's/^/#   /'
	elif [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$out"; then
		fail "unit tests exit 0 (got $rc: sanitizer or valgrind report?)"
		tail -20 "$out" | sed 's/^/#   /'
	fi
fi
done
echo "# suite done"

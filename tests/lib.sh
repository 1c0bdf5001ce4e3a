# lib.sh - shared helpers for the shell test suites (sourced, not run).
#
# Each suite prints TAP-like lines that tests/run counts:
#   ok - what            a check that passed
#   not ok - what        a check that failed (details follow as "# ..." lines)
#   ok - what # SKIP why a check that could not run here, and why
# Variables from tests/run: AKKO_BIN, AKKO_SRCDIR, AKKO_BUILDDIR.

: "${AKKO_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${AKKO_BUILDDIR:=$AKKO_SRCDIR}"
: "${AKKO_BIN:=$AKKO_BUILDDIR/akko-migrate}"
# A developer's LLM configuration must not reach the suites: only tests/llm.sh
# configures one, against its own server on 127.0.0.1.
unset AKKO_LLM_URL AKKO_LLM_MODEL AKKO_LLM_API_KEY AKKO_LLM_API_KEY_FILE
TESTS_OUT="$AKKO_BUILDDIR/tests/out"
mkdir -p "$TESTS_OUT"

pass() { echo "ok - $*"; }
fail() { echo "not ok - $*"; }
skip() { echo "ok - $1 # SKIP $2"; }

# Print a file as "# " comment lines (at most $2 lines, default 40).
show() { sed -n "1,${2:-40}p" "$1" | sed 's/^/#   /'; }

# check LABEL CMD...: pass when CMD succeeds.  (Its variable has a name
# of its own: suites keep state in variables such as $name.)
check() {
	_check_label=$1
	shift
	if "$@"; then pass "$_check_label"; else fail "$_check_label"; fi
}

# The shared corpus beside the project's root, if present.
shared_corpus() {
	for d in "$AKKO_SRCDIR/../shared/corpus" "$AKKO_SRCDIR/../../shared/corpus"; do
		[ -d "$d" ] && { (cd "$d" && pwd); return 0; }
	done
	return 1
}

#!/bin/sh
# semantic.sh - translated expressions run in a real PostgreSQL.
#
# Every tests/expr/semantic/*.case file holds PowerCenter expressions, the
# types of their ports, and rows of input values with the result PowerCenter
# gives (tests/expr/semantic/README.md describes the format).  Each
# expression goes through `akko-migrate expr`; the SQL it prints runs over
# each row in a throw-away PostgreSQL server (tests/pg/pg.sh) and its value
# is compared with the expected one in the same server: numbers by value,
# strings exactly, timestamps as timestamps.  One psql run per case file,
# one "ok"/"not ok" line per row.
#
# Without PostgreSQL the suite fails loudly; AKKO_ALLOW_PG_SKIP=1 turns that
# into a skip (never in CI).  AKKO_SEMANTIC_CASES=DIR reads other case files.
. "$(dirname "$0")/lib.sh"
. "$AKKO_SRCDIR/tests/pg/pg.sh"

casedir=${AKKO_SEMANTIC_CASES:-$AKKO_SRCDIR/tests/expr/semantic}
work="$TESTS_OUT/semantic"
rm -rf "$work" && mkdir -p "$work" || exit 1
US=$(printf '\037') # field separator of the work files
RS=$(printf '\036') # stands for a newline inside a field
LF='
'

if ! pg_start_or_report "semantic tests"; then
	echo "# suite done"
	exit 0
fi

# The checker: runs one row's query and compares its value with the expected
# one, catching every error so that one row cannot stop the others.
# Result line: N <US> pass|fail <US> got <US> type <US> expected <US> detail.
cat >"$work/prelude.sql" <<'EOF'
SET client_min_messages = warning;
CREATE FUNCTION pg_temp.akko_row(n int, q text, expected text, mode text, tol numeric)
RETURNS text LANGUAGE plpgsql AS $akko$
DECLARE
	got text; typ text; state text; err text;
	etext text; etyp text; ok boolean := false; why text := '';
	shown text;
	numtypes text[] := ARRAY['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'];
	strtypes text[] := ARRAY['text', 'character varying', 'character', 'unknown', 'name'];
BEGIN
	BEGIN
		EXECUTE q INTO got, typ;
	EXCEPTION WHEN query_canceled OR others THEN
		state := SQLSTATE; err := SQLERRM;
	END;
	shown := expected;
	IF upper(expected) = 'ERROR' THEN
		IF state IS NULL THEN
			why := 'the query succeeded where PowerCenter has a row error';
		ELSIF left(state, 2) IN ('22', '23', 'P0', '2F', '38', '39') THEN
			ok := true; why := state || ' ' || err;
		ELSE
			why := 'the SQL is broken rather than failing on the data: ' || state || ' ' || err;
		END IF;
	ELSIF state IS NOT NULL THEN
		why := 'the query failed: ' || state || ' ' || err;
	ELSIF mode = 'condition' THEN
		got := CASE got WHEN '1' THEN 'pass' WHEN '0' THEN 'drop' ELSE got END;
		ok := got = lower(expected);
		typ := 'condition';
	ELSE
		BEGIN
			EXECUTE format('SELECT (%s)::text, pg_typeof(%s)::text', expected, expected) INTO etext, etyp;
		EXCEPTION WHEN others THEN
			why := 'bad expected value in the case file: ' || SQLERRM;
			etyp := 'invalid';
		END;
		shown := CASE WHEN etyp = 'invalid' THEN expected WHEN etext IS NULL THEN 'NULL'
			WHEN etyp = ANY(strtypes) THEN quote_literal(etext) ELSE etext || ' (' || etyp || ')' END;
		IF etyp = 'invalid' THEN
			NULL;
		ELSIF etext IS NULL THEN
			ok := got IS NULL;
		ELSIF got IS NULL THEN
			ok := false;
		ELSIF etyp = ANY(numtypes) THEN
			IF typ = ANY(numtypes) THEN
				BEGIN
					ok := abs(got::numeric - etext::numeric) <= coalesce(tol, 0);
				EXCEPTION WHEN others THEN
					why := 'cannot compare as numbers: ' || SQLERRM;
				END;
			ELSE
				why := 'the result is of type ' || typ || ' where PowerCenter gives a number';
			END IF;
		ELSIF etyp = ANY(strtypes) THEN
			IF typ = ANY(strtypes) THEN
				ok := got = etext;
			ELSE
				why := 'the result is of type ' || typ || ' where PowerCenter gives a string';
			END IF;
		ELSIF etyp = 'timestamp without time zone' THEN
			IF typ = etyp THEN
				ok := got::timestamp = etext::timestamp;
			ELSE
				why := 'the result is of type ' || typ || ' where PowerCenter gives a date (timestamp)';
			END IF;
		ELSE
			IF typ = etyp THEN
				ok := got = etext;
			ELSE
				why := 'the result is of type ' || typ || ' where the case expects ' || etyp;
			END IF;
		END IF;
	END IF;
	RETURN concat_ws(chr(31), n, CASE WHEN ok THEN 'pass' ELSE 'fail' END,
		replace(replace(CASE WHEN got IS NULL THEN 'NULL' WHEN typ = ANY(strtypes) THEN quote_literal(got)
			ELSE got END, chr(10), '\n'), chr(9), '\t'), coalesce(typ, 'error'),
		coalesce(replace(shown, chr(10), '\n'), ''),
		coalesce(replace(replace(why, chr(10), ' '), chr(31), ' '), ''));
END
$akko$;
EOF

# parse.awk: a case file -> one record a line, fields split by US:
#   C line name expr types mode null-compare tolerance expect known-difference
#   R line from-clause values expected
#   X line message                       (a mistake in the case file)
cat >"$work/parse.awk" <<'EOF'
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function err(msg) { printf "X%s%d%s%s\n", US, NR, US, FILENAME ":" NR ": " msg }
function flush() {
	if (name == "") return
	if (expr == "") err("case '" name "' has no expr: line")
	else if (expect != "error" && nrows == 0) err("case '" name "' has no row: line")
	else if (expect == "error" && nrows > 0) err("case '" name "' expects a translation error but has rows")
	else if (expect == "error") announce()
	name = ""
}
function announce() {
	printf "C%s%d%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s\n", US, cline, US, name, US, expr, US, types, US, mode, US, nullcmp, US, tol, US, expect, US, known, US, lang
	announced = 1
}
function sqltype(t) {
	t = tolower(t)
	if (t == "string") return "text"
	if (t == "integer") return "integer"
	if (t == "bigint") return "bigint"
	if (t == "decimal") return "numeric"
	if (t == "double") return "double precision"
	if (t == "date") return "timestamp"
	if (t == "boolean") return "boolean"
	if (t == "time") return "time"
	# SSIS data types (the language's own names, as --types takes them)
	if (t ~ /^dt_(i1|i2|i4|ui1|ui2)$/) return "integer"
	if (t ~ /^dt_(i8|ui4|ui8)$/) return "bigint"
	if (t ~ /^dt_(numeric|decimal|cy)$/) return "numeric"
	if (t ~ /^dt_(r4|r8)$/) return "double precision"
	if (t ~ /^dt_(str|wstr|text|ntext|guid)$/) return "text"
	if (t ~ /^dt_(date|dbdate|dbtimestamp|dbtimestamp2|filetime)$/) return "timestamp"
	if (t ~ /^dt_(dbtime|dbtime2)$/) return "time"
	if (t == "dt_bool") return "boolean"
	return ""
}
# Splits s at top-level "|" (outside '...' literals) into vals[1..n];
# the part after the first top-level "->" goes to rowexp.  Returns n, or -1.
function splitrow(s,    i, c, inq, cur, n, seen) {
	n = 0; cur = ""; inq = 0; seen = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "'") inq = !inq
		if (!inq && c == "|") { vals[++n] = trim(cur); cur = ""; continue }
		if (!inq && c == "-" && substr(s, i + 1, 1) == ">") {
			vals[++n] = trim(cur); rowexp = trim(substr(s, i + 2)); seen = 1; break
		}
		cur = cur c
	}
	if (!seen || inq) return -1
	if (n == 1 && vals[1] == "") n = 0
	return n
}
BEGIN { US = sprintf("%c", 31); deflang = "powercenter" }
{ sub(/\r$/, "") }
/^[ \t]*(#|$)/ { next }
{
	if (!match($0, /^[a-z-]+:/)) { err("not a 'key: value' line: " $0); next }
	key = substr($0, 1, RLENGTH - 1); val = trim(substr($0, RLENGTH + 1))
	if (key == "case") {
		flush()
		name = val; expr = ""; types = ""; mode = "value"; nullcmp = ""; tol = ""; expect = ""; known = ""; lang = deflang
		nrows = 0; ncols = 0; announced = 0; cline = NR
		if (name == "") err("empty case name")
		next
	}
	if (key == "from" && name == "") { deflang = val; next }
	if (name == "") { err("'" key ":' before the first 'case:'"); next }
	if (key != "row" && nrows > 0) { err("'" key ":' after the rows of case '" name "'"); next }
	if (key == "expr") expr = val
	else if (key == "from") lang = val
	else if (key == "types") {
		types = val; ncols = 0
		m = split(val, parts, ",")
		for (i = 1; i <= m; i++) {
			p = trim(parts[i]); eq = index(p, "=")
			t = sqltype(trim(substr(p, eq + 1)))
			if (eq == 0 || t == "") { err("bad types entry '" p "'"); continue }
			ncols++
			colname[ncols] = tolower(trim(substr(p, 1, eq - 1)))
			coltype[ncols] = t
		}
	}
	else if (key == "mode") { mode = val; if (mode != "value" && mode != "condition") err("mode is value or condition") }
	else if (key == "null-compare") { nullcmp = val; if (val != "null" && val != "high" && val != "low") err("null-compare is null, high or low") }
	else if (key == "tolerance") { tol = val; if (val !~ /^[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?$/) { err("tolerance is a number"); tol = "" } }
	else if (key == "expect") { expect = val; if (val != "error") err("the only expect: is 'error'") }
	else if (key == "known-difference") known = val
	else if (key == "row") {
		if (!announced) announce()
		n = splitrow(val)
		if (n < 0) { err("a row is 'VALUE | VALUE ... -> EXPECTED' with balanced quotes"); next }
		if (n != ncols) { err("the row has " n " values for " ncols " typed ports"); next }
		if (mode == "condition" && rowexp != "pass" && rowexp != "drop" && rowexp != "ERROR") {
			err("a condition row expects pass, drop or ERROR"); next
		}
		if (ncols == 0) from = "(SELECT 1) AS t"
		else {
			from = "(VALUES ("; hdr = ""
			for (i = 1; i <= n; i++) {
				from = from (i > 1 ? ", " : "") "CAST(" vals[i] " AS " coltype[i] ")"
				hdr = hdr (i > 1 ? ", " : "") "\"" colname[i] "\""
			}
			from = from ")) AS t(" hdr ")"
		}
		desc = ""
		for (i = 1; i <= n; i++) desc = desc (i > 1 ? " | " : "") vals[i]
		nrows++
		printf "R%s%d%s%s%s%s%s%s\n", US, NR, US, from, US, desc, US, rowexp
	}
	else err("unknown key '" key ":'")
}
END { flush() }
EOF

# report.awk: the meta file (what each numbered check is) and the results
# from psql -> the TAP lines, in case-file order.
cat >"$work/report.awk" <<'EOF'
function note(s) { gsub(NL, "\n#   ", s); print "#   " s }
BEGIN { FS = sprintf("%c", 31); NL = sprintf("%c", 30) }
FNR == NR { meta[$1] = $0; if ($1 + 0 > max) max = $1 + 0; next }
{ res[$1] = $0 }
END {
	for (i = 1; i <= max; i++) {
		split(meta[i], m, FS)  # n kind label expr sql known warned note flags
		kind = m[2]; label = m[3]
		if (kind == "P") { print "ok - " label; continue }
		if (kind == "F") { print "not ok - " label; note(m[8]); continue }
		if (!(i in res)) {
			print "not ok - " label
			note("no result from PostgreSQL (psql stopped early? see " logf ")")
			note("expression: " m[4] "   " m[9]); note("sql: " m[5])
			continue
		}
		split(res[i], r, FS)  # n status got type expected detail
		if (r[2] == "pass") { print "ok - " label; continue }
		if (m[6] != "" && m[7] == "1" && r[6] !~ /^the query failed|^the SQL is broken|^bad expected/) {
			print "ok - " label " # known difference: " m[6]
			continue
		}
		print "not ok - " label
		note("expression: " m[4] (m[9] != "" ? "   (" m[9] ")" : ""))
		note("sql: " m[5])
		note("got: " r[3] "  (" r[4] ")")
		note("expected: " r[5])
		if (r[6] != "") note("why: " r[6])
		if (m[6] != "") note("documented as a known difference (" m[6] "), but the translator gave no warning")
		if (m[8] != "") note("translator said: " m[8])
	}
}
EOF

translate() { # translate EXPR TYPES MODE NULLCMP LANG: sets tr_rc, tr_sql; stderr in $work/tr.err
	_expr=$1 _types=$2 _mode=$3 _nc=$4 _lang=${5:-powercenter}
	set -- expr --from "$_lang"
	[ -n "$_types" ] && set -- "$@" --types "$_types"
	[ "$_mode" = condition ] && set -- "$@" --condition
	[ -n "$_nc" ] && set -- "$@" --null-compare "$_nc"
	tr_sql=$(${AKKO_TEST_WRAPPER:-} "$AKKO_BIN" "$@" -- "$_expr" 2>"$work/tr.err")
	tr_rc=$?
}

# One line of the meta file: N KIND LABEL EXPR SQL KNOWN WARNED NOTE FLAGS.
meta() {
	printf '%s\n' "$1$US$2$US$3$US$4$US$5$US$6$US$7$US$8$US$9" >>"$metaf"
}
errnote() { # the translator's stderr, first lines, as one field
	sed -n '1,8p' "$work/tr.err" | tr '\n' "$RS" | sed "s/$RS\$//"
}

ncases=0
for file in "$casedir"/*.case; do
	[ -f "$file" ] || continue
	group=$(basename "$file" .case)
	plan="$work/$group.plan" metaf="$work/$group.meta" sqlf="$work/$group.sql"
	resf="$work/$group.out" logf="$work/$group.psql.log"
	: >"$metaf"
	cat "$work/prelude.sql" >"$sqlf"
	awk -f "$work/parse.awk" "$file" >"$plan"
	n=0
	while IFS=$US read -r kind _line f1 f2 f3 f4 f5 f6 f7 f8 f9; do
		case $kind in
		X)
			n=$((n + 1))
			meta $n F "$group: case file error" "" "" "" "" "$f1" ""
			;;
		C)
			ncases=$((ncases + 1))
			name=$f1 expr=$f2 types=$f3 mode=$f4 nc=$f5 tol=$f6 expect=$f7 known=$f8 lang=$f9
			flags=""
			[ "$lang" != powercenter ] && flags="--from $lang"
			[ -n "$types" ] && flags="$flags${flags:+ }--types $types"
			[ "$mode" = condition ] && flags="$flags --condition"
			[ -n "$nc" ] && flags="$flags --null-compare $nc"
			translate "$expr" "$types" "$mode" "$nc" "$lang"
			tr_told=0
			warned=0
			grep -q 'warning:' "$work/tr.err" && warned=1
			if [ "$expect" = error ]; then
				n=$((n + 1))
				if [ "$tr_rc" = 1 ] && [ -s "$work/tr.err" ] && [ -z "$tr_sql" ]; then
					meta $n P "$group: $name: rejected (exit 1)" "$expr" "" "" 0 "" "$flags"
				else
					meta $n F "$group: $name: rejected (exit 1)" "$expr" "" "" 0 \
						"expression: $expr${flags:+   ($flags)}${RS}translated with exit $tr_rc to: $(printf '%s' "$tr_sql" | tr '\n' "$RS")$RS$(errnote)" "$flags"
				fi
			fi
			;;
		R)
			n=$((n + 1))
			from=$f1 vals=$f2 want=$f3
			if [ -n "$vals" ]; then label="$group: $name: ($vals) -> $want"; else label="$group: $name -> $want"; fi
			if [ "$tr_rc" != 0 ] || [ -z "$tr_sql" ]; then
				# The translator's messages once per case, not once per row.
				why="the translator failed (exit $tr_rc)"
				[ "$tr_told" = 1 ] || why="expression: $expr${flags:+   ($flags)}$RS$why$RS$(errnote)"
				tr_told=1
				meta $n F "$label" "$expr" "" "$known" "$warned" "$why" "$flags"
				continue
			fi
			case "$tr_sql" in
			*"$LF"*)
				meta $n F "$label" "$expr" "" "$known" "$warned" \
					"expression: $expr${flags:+   ($flags)}${RS}the translator printed more than one line:$RS$(printf '%s' "$tr_sql" | tr '\n' "$RS")" "$flags"
				continue
				;;
			*'$akq$'* | *"$US"* | *"$RS"*)
				meta $n F "$label" "$expr" "$tr_sql" "$known" "$warned" "the SQL contains a character or tag the harness reserves" "$flags"
				continue
				;;
			esac
			case "$want" in *'$ake$'*)
				meta $n F "$label" "$expr" "$tr_sql" "$known" "$warned" "the expected value contains \$ake\$, which the harness reserves" "$flags"
				continue
				;;
			esac
			if [ "$mode" = condition ]; then
				q="SELECT count(*)::text, 'condition' FROM $from WHERE ($tr_sql)"
			else
				q="SELECT x::text, pg_typeof(x)::text FROM (SELECT ($tr_sql) AS x FROM $from) AS s"
			fi
			printf 'SELECT pg_temp.akko_row(%s, $akq$%s$akq$, $ake$%s$ake$, %s, %s);\n' \
				"$n" "$q" "$want" "'$mode'" "${tol:-NULL}" >>"$sqlf"
			meta $n Q "$label" "$expr" "$tr_sql" "$known" "$warned" "$(errnote)" "$flags"
			;;
		esac
	done <"$plan"
	pg_psql -v ON_ERROR_STOP=0 -f "$sqlf" >"$resf" 2>"$logf"
	awk -v logf="$logf" -f "$work/report.awk" "$metaf" "$resf"
done

if [ $ncases -eq 0 ]; then
	fail "semantic cases found in $casedir"
fi
pg_stop
echo "# suite done"

#!/bin/sh
# llm.sh - the LLM fallback (docs/llm.md) against a real HTTP server on
# 127.0.0.1 that speaks the chat-completions protocol and is scripted per
# test (tests/llm/server.py, scenarios in tests/llm/scenarios/).
#
#   tests/llm/m_llm_mixed.XML   an Expression calling SOUNDEX, a Java and an
#                               HTTP transformation, in one row stream
#   tests/llm/m_llm_java.XML    one Java transformation (the fault cases)
#   tests/llm/m_llm_inject.XML  Java code whose comment tries a prompt injection
#   tests/llm/cases/NAME.stderr the exact diagnostics of each run (AKKO_REGEN=1
#                               rewrites them; review the diff like code)
#
# Each case checks the node's outcome, the number of HTTP requests the server
# counted and, where time matters, how long the run took.  With PostgreSQL,
# the drafted SQL runs: the sinks' composed statements give the rows of
# tests/llm/expected/.  Nothing here reaches beyond 127.0.0.1.
. "$(dirname "$0")/lib.sh"
dir="$AKKO_SRCDIR/tests/llm"
work="$TESTS_OUT/llm"
rm -rf "$work" && mkdir -p "$work/srv" || exit 1
export XDG_CACHE_HOME="$work/xdg" # a run without --llm-cache caches here

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import yaml' 2>/dev/null; then
	skip "LLM fallback tests" "python3 with PyYAML is not installed"
	echo "# suite done"
	exit 0
fi

KEY="sk-akko-test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
keyfile="$TESTS_OUT/llm-key.txt" # outside $work: the leak check greps $work
printf '%s\n' "$KEY" >"$keyfile"
python3 "$dir/server.py" --dir "$work/srv" --key "$KEY" >"$work/server.log" 2>&1 &
srv_pid=$!
stop_server() { kill "$srv_pid" 2>/dev/null; }
trap stop_server EXIT
i=0
while [ ! -s "$work/srv/port" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
if [ ! -s "$work/srv/port" ]; then
	fail "the test server starts"
	show "$work/server.log"
	echo "# suite done"
	exit 0
fi
URL="http://127.0.0.1:$(cat "$work/srv/port")/v1"

state() { # state KEY: a number of the server's state.json
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$work/srv/state.json" "$1"
}
nonce=0
scenario() { # scenario NAME: script the server (a nonce restarts its reply sequences)
	nonce=$((nonce + 1))
	{
		printf '{"nonce": %d,' "$nonce"
		tail -c +2 "$dir/scenarios/$1.json"
	} >"$work/srv/scenario.json"
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# run NAME MAPPING ARGS...: convert tests/llm/MAPPING (from inside tests/llm,
# so paths in diagnostics are the file's name) with the server configured;
# YAML in $work/NAME.yaml, stderr in $work/NAME.err; sets rc, nreq (requests
# the server counted) and ms (wall time).  LLM_ENV replaces the environment.
run() {
	_name=$1 _map=$2
	shift 2
	_before=$(state requests)
	_t0=$(now_ms)
	(cd "$dir" && env ${LLM_ENV:-AKKO_LLM_URL=$URL AKKO_LLM_MODEL=fake-coder AKKO_LLM_API_KEY=$KEY} \
		timeout 60 ${AKKO_TEST_WRAPPER:-} "$AKKO_BIN" "$_map" -o "$work/$_name.yaml" \
		--llm-timeout 1s "$@" 2>"$work/$_name.err")
	rc=$?
	ms=$(($(now_ms) - _t0))
	nreq=$(($(state requests) - _before))
}

# golden NAME: the run's diagnostics are tests/llm/cases/NAME.stderr.
golden() {
	[ -n "${AKKO_REGEN:-}" ] && cp "$work/$1.err" "$dir/cases/$1.stderr"
	if cmp -s "$work/$1.err" "$dir/cases/$1.stderr"; then pass "$1: diagnostics as in cases/$1.stderr"; else
		fail "$1: diagnostics as in cases/$1.stderr"
		diff "$dir/cases/$1.stderr" "$work/$1.err" | show /dev/stdin 20
	fi
}

# node FILE ID KEY: a key of a node of the YAML ("-" when absent).
node() {
	python3 - "$@" <<'EOF'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
for p in doc["pipelines"]:
    for n in p["nodes"]:
        if n["id"] == sys.argv[2]:
            v = n.get(sys.argv[3], "-")
            print(v if not isinstance(v, dict) else " ".join(f"{k}={v[k]}" for k in v))
            sys.exit(0)
print("no such node")
EOF
}

# expect LABEL GOT WANT
expect() {
	if [ "$2" = "$3" ]; then pass "$1"; else
		fail "$1"
		echo "#   got '$2', want '$3'"
	fi
}

validates() { # validates NAME: akko-migrate validate accepts the YAML
	if "$AKKO_BIN" validate "$work/$1.yaml" >"$work/$1.val" 2>&1; then pass "$1: the YAML validates"; else
		fail "$1: the YAML validates"
		show "$work/$1.val" 10
	fi
}

# unavailable NAME ID: the node stayed a placeholder for manual review.
unavailable() {
	expect "$1: '$2' is llm_unavailable" "$(node "$work/$1.yaml" "$2" conversion_source)" llm_unavailable
	expect "$1: '$2' needs review" "$(node "$work/$1.yaml" "$2" review)" True
	expect "$1: '$2' is a placeholder" "$(node "$work/$1.yaml" "$2" type)" placeholder
	check "$1: exit 0 (an LLM fault never fails the run)" test "$rc" = 0
}

# ---- a good answer: the three nodes are drafted, validated, capped ------------
scenario good
run good m_llm_mixed.XML --llm-cache "$work/cache"
check "good: exit 0" test "$rc" = 0
expect "good: one request per node" "$nreq" 3
for id in exp_codes jtx_score http_notify; do
	expect "good: '$id' is conversion_source llm" "$(node "$work/good.yaml" $id conversion_source)" llm
	expect "good: '$id' needs no review (checking the draft is the LLM-assisted hour)" \
		"$(node "$work/good.yaml" $id review)" False
done
expect "good: the Java node is a sql_expression" "$(node "$work/good.yaml" jtx_score type)" sql_expression
expect "good: confidence capped at 0.75" "$(node "$work/good.yaml" jtx_score confidence)" 0.75
expect "good: a lower model confidence is kept" "$(node "$work/good.yaml" http_notify confidence)" 0.62
check "good: the node names its model and cache key" grep -q 'llm: {model: fake-coder, cache_key: ' "$work/good.yaml"
check "good: a low_confidence_reconciliation check for the draft" \
	grep -q 'id: jtx_score_low_confidence_reconciliation' "$work/good.yaml"
validates good
golden good
run good_gate m_llm_mixed.XML --llm-cache "$work/cache" --gate
check "good: --gate exits 4 (a draft stays below 0.80)" test "$rc" = 4
check "good: the prompt carries the Java code" grep -q 'SCORE = (AMOUNT > 1000) ? 1 : 0;' "$work/srv/requests.jsonl"
check "good: the prompt carries the HTTP transformation's URL" grep -q 'crm.example.com/notify' "$work/srv/requests.jsonl"

# ---- the cache: a rerun is free and identical; replay needs no server -------
run cached m_llm_mixed.XML --llm-cache "$work/cache"
expect "cache: a rerun makes no request" "$nreq" 0
check "cache: the rerun's YAML is byte-identical" cmp -s "$work/good.yaml" "$work/cached.yaml"
check "cache: the summary line counts the cached answers" \
	grep -q 'llm: 3 calls, 3 answered from the cache, 0 HTTP requests, 0 without an answer' "$work/cached.err"
LLM_ENV="AKKO_LLM_MODEL=fake-coder" run replay m_llm_mixed.XML --llm-replay "$work/cache"
expect "replay: no request (no URL at all)" "$nreq" 0
check "replay: the same YAML as the live run" cmp -s "$work/good.yaml" "$work/replay.yaml"
mkdir -p "$work/empty"
LLM_ENV="AKKO_LLM_MODEL=fake-coder" run replay_miss m_llm_java.XML --llm-replay "$work/empty"
unavailable replay_miss jtx_flag
expect "replay_miss: no request" "$nreq" 0
golden replay_miss

# ---- one Java node, one scenario each ------------------------------------------
# java_case SCENARIO OUTCOME REQUESTS [MAPPING]: convert the Java node of MAPPING
# (m_llm_java.XML) with the server playing SCENARIO; the node must end
# OUTCOME (llm, or llm_unavailable: a placeholder for review, exit 0) after
# exactly REQUESTS requests, with the diagnostics of cases/SCENARIO.stderr.
java_case() {
	scenario "$1"
	run "$1" "${4:-m_llm_java.XML}" --llm-cache "$work/cache-$1"
	if [ "$2" = llm ]; then
		expect "$1: drafted" "$(node "$work/$1.yaml" jtx_flag conversion_source)" llm
	else
		unavailable "$1" jtx_flag
		expect "$1: the node has no SQL" "$(node "$work/$1.yaml" jtx_flag sql)" -
	fi
	expect "$1: $3 request(s)" "$nreq" "$3"
	golden "$1"
}

# answers that are repaired, accepted or refused
java_case malformed_repaired llm 2
check "malformed_repaired: the repair request quotes the validator" \
	grep -q 'Your answer was rejected: the answer is not one JSON object' "$work/srv/requests.jsonl"
java_case malformed llm_unavailable 2
java_case fenced llm 1
java_case dangerous llm_unavailable 2
check "dangerous: no DROP TABLE in the YAML" sh -c "! grep -q 'DROP TABLE' '$work/dangerous.yaml'"
validates dangerous
java_case inject llm_unavailable 2 m_llm_inject.XML
check "inject: the server obeyed the injection (DROP TABLE answered)" grep -q 'DROP TABLE order_flags' "$work/srv/requests.jsonl"
check "inject: no DROP TABLE in the YAML" sh -c "! grep -q 'DROP TABLE' '$work/inject.yaml'"
java_case unsure llm_unavailable 1

# transport faults: a warning and a placeholder, quickly
java_case slow llm_unavailable 1
check "slow: the run ends at the 1 s timeout, not the server's 10 s ($ms ms)" test "$ms" -lt 8000
run slow_many m_llm_mixed.XML --llm-cache "$work/cache-slow_many"
expect "slow_many: two timeouts, then the server is not asked again" "$nreq" 2
check "slow_many: the third node says why it was not sent" grep -q 'W0904' "$work/slow_many.err"
check "slow_many: three nodes, two timeouts of 1 s, well under the server's 10 s ($ms ms)" test "$ms" -lt 8000
java_case e500 llm_unavailable 3
java_case e429 llm 2
check "e429: Retry-After: 1 was honoured ($ms ms)" test "$ms" -ge 1000
java_case e429_long llm_unavailable 1
check "e429_long: the 120 s wait is not made ($ms ms)" test "$ms" -lt 5000
java_case huge llm_unavailable 1
java_case redirect llm_unavailable 1

# an Alteryx workflow: a RegEx tool whose Tokenize stops the run on extra
# tokens (Error), which no rule converts, is sent with its configuration as
# written; an R tool whose output fields the
# workflow does not record (no MetaInfo) is not sent (it outputs no column)
scenario e500
run ayx_review ayx_review.yxmd --llm-cache "$work/cache-ayx"
check "ayx_review: exit 0 (an LLM fault never fails the run)" test "$rc" = 0
check "ayx_review: the RegEx tool's expression is in the prompt" grep -q 'RegExExpression' "$work/srv/requests.jsonl"
check "ayx_review: the RegEx tool's parse settings are in the prompt" grep -q 'addr_part' "$work/srv/requests.jsonl"
check "ayx_review: the R tool is not sent: its output fields are not known" \
	grep -q "ayx_review.yxmd:38:5: warning: not sent to the LLM: it outputs no column" "$work/ayx_review.err"
unavailable ayx_review n_2

closed=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
LLM_ENV="AKKO_LLM_URL=http://127.0.0.1:$closed AKKO_LLM_MODEL=fake-coder" run refused m_llm_mixed.XML --llm-cache "$work/c14"
unavailable refused exp_codes
unavailable refused http_notify
check "refused: no wait and no retry ($ms ms)" test "$ms" -lt 5000
golden refused

scenario good
LLM_ENV="AKKO_LLM_URL=$URL AKKO_LLM_MODEL=fake-coder AKKO_LLM_API_KEY=sk-wrong" run badkey m_llm_java.XML --llm-cache "$work/c15"
unavailable badkey jtx_flag
expect "badkey: the server refused one request" "$(state auth_failures)" 1
golden badkey

run budget m_llm_mixed.XML --llm-cache "$work/c16" --llm-budget 1
expect "budget: one request" "$nreq" 1
expect "budget: the first node is drafted" "$(node "$work/budget.yaml" exp_codes conversion_source)" llm
unavailable budget jtx_score
golden budget

# ---- libcurl is loaded only for an LLM (src/llm/curl_dl.h) -------------------------
# The dynamic loader's own log says which libraries the process loaded.
(cd "$dir" && LD_DEBUG=libs "$AKKO_BIN" --no-llm m_llm_java.XML -o "$work/nocurl.yaml" >/dev/null 2>"$work/nocurl.ld")
check "a conversion without an LLM does not load libcurl" sh -c '! grep -q "libcurl" "$1"' sh "$work/nocurl.ld"
check "... nor its TLS stack" sh -c '! grep -Eq "lib(gnutls|ssl|nghttp2)" "$1"' sh "$work/nocurl.ld"
(cd "$dir" && env AKKO_LLM_URL=$URL AKKO_LLM_MODEL=fake-coder AKKO_LLM_API_KEY=$KEY LD_DEBUG=libs \
	"$AKKO_BIN" m_llm_java.XML --llm-cache "$work/c18" -o "$work/curl.yaml" >/dev/null 2>"$work/curl.ld")
check "a conversion with an LLM loads libcurl" grep -q "libcurl" "$work/curl.ld"

# ---- configuration and secrets ---------------------------------------------------
LLM_ENV="AKKO_LLM_URL=$URL AKKO_LLM_MODEL=fake-coder AKKO_LLM_API_KEY=$KEY" run nollm m_llm_java.XML --no-llm
expect "--no-llm: no request" "$nreq" 0
check "--no-llm: the placeholder says no LLM is configured" grep -q '(no LLM configured)' "$work/nollm.err"
LLM_ENV="AKKO_LLM_URL=$URL AKKO_LLM_MODEL=fake-coder AKKO_LLM_API_KEY_FILE=$keyfile" run keyfile m_llm_java.XML --llm-cache "$work/c17"
expect "key file: the key is sent (drafted)" "$(node "$work/keyfile.yaml" jtx_flag conversion_source)" llm
LLM_ENV="AKKO_LLM_URL=http://192.0.2.1:11434 AKKO_LLM_MODEL=m" run plain_http m_llm_java.XML
expect "plain http to another host is refused (exit 2)" "$rc" 2
check "plain http: the message says why" grep -q 'must use https' "$work/plain_http.err"
LLM_ENV="AKKO_LLM_URL=https://user:pw@llm.example.com AKKO_LLM_MODEL=m" run userinfo m_llm_java.XML
expect "a URL with credentials is refused (exit 2)" "$rc" 2
LLM_ENV="AKKO_LLM_URL=$URL" run nomodel m_llm_java.XML
expect "a URL without a model is refused (exit 2)" "$rc" 2
LLM_ENV="AKKO_LLM_URL=$URL AKKO_LLM_MODEL=m AKKO_LLM_API_KEY_FILE=$work/no-such-key" run nokey m_llm_java.XML
expect "an unreadable key file is refused (exit 2)" "$rc" 2
for bad in "--llm-timeout=soon" "--llm-timeout=0s" "--llm-budget=-1" "--llm-concurrency=0" "--llm-max-tokens=x"; do
	run badflag m_llm_java.XML "$bad"
	expect "$bad is a usage error (exit 2)" "$rc" 2
done
"$AKKO_BIN" help convert >"$work/help.txt"
check "help convert teaches the LLM options" grep -q -- '--llm-url URL' "$work/help.txt"

# not everything is sent: a SQL transformation's behaviour lives in the database
LLM_ENV="AKKO_LLM_MODEL=fake-coder" run unsent ../../corpus/powercenter/m_transformations.XML --llm-replay "$work/empty"
check "a SQL transformation is not sent" sh -c "grep -A1 'not sent to the LLM: what it does lives in the database' \"\$1\" | grep -q \"'SQL_PURGE'\"" _ "$work/unsent.err"

# a stored procedure is sent, named with its arguments and the reason; the
# model cannot see its body and says so (confidence 0.1): both stay placeholders
scenario stored_proc
run stored_proc ../../corpus/powercenter/m_rules_stored_proc.XML --llm-cache "$work/cache-stored_proc"
expect "stored_proc: the connected call and the :SP. call are sent, the unconnected procedure is not" "$nreq" 2
check "stored_proc: the prompt names the procedure and the column feeding it" \
	grep -q "stored procedure 'CRM.CUSTOMER_TIER' called with input port 'CUST_ID' (fed by sq_orders.cust_id)" "$work/srv/requests.jsonl"
check "stored_proc: the prompt carries the procedure's settings" grep -qF 'Stored Procedure Name\",\"value\":\"CRM.CUSTOMER_TIER' "$work/srv/requests.jsonl"
check "stored_proc: the prompt carries the :SP. call's arguments" \
	grep -q "calls stored procedure 'GET_RATE' with arguments (CURRENCY, PROC_RESULT)" "$work/srv/requests.jsonl"
expect "stored_proc: sp_cust_tier stays a placeholder" "$(node "$work/stored_proc.yaml" sp_cust_tier conversion_source)" llm_unavailable
expect "stored_proc: exp_convert stays a placeholder" "$(node "$work/stored_proc.yaml" exp_convert conversion_source)" llm_unavailable
golden stored_proc

# ---- bulk: a shared budget, a cross-process cap, the effort report ---------------
mkdir -p "$work/estate"
cp "$dir/m_llm_mixed.XML" "$dir/m_llm_java.XML" "$work/estate/"
scenario good_slowish
bulk() { # bulk NAME ARGS...
	_name=$1
	shift
	_before=$(state requests)
	env AKKO_LLM_URL="$URL" AKKO_LLM_MODEL=fake-coder AKKO_LLM_API_KEY="$KEY" timeout 120 \
		${AKKO_TEST_WRAPPER:-} "$AKKO_BIN" convert "$work/estate" -o "$work/$_name" -j2 "$@" \
		>"$work/$_name.out" 2>"$work/$_name.err"
	rc=$?
	nreq=$(($(state requests) - _before))
}
bulk bulk --llm-cache "$work/bcache" --llm-concurrency 1
check "bulk: exit 0" test "$rc" = 0
expect "bulk: four requests" "$nreq" 4
expect "bulk: --llm-concurrency 1 holds across workers" "$(state max_inflight)" 1
"$AKKO_BIN" report -f json "$work/bulk/results.jsonl" >"$work/report.json" 2>"$work/report.err"
expect "bulk: the report counts 4 LLM-assisted objects" \
	"$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["estate"]["llm_assisted"])' "$work/report.json")" 4
# java: 0.25 + 0.5 + 4 + 1 x 1.0; mixed: 0.25 + 0.5 + 4 + 3 x 1.0
expect "bulk: 1.0 h per LLM-assisted object (5.75 + 7.75)" \
	"$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["estate"]["effort_hours"])' "$work/report.json")" 13.5
"$AKKO_BIN" report "$work/bulk/results.jsonl" >"$work/report.md" 2>&1
check "bulk: the Markdown report shows them" grep -q '| LLM-assisted objects | 4 |' "$work/report.md"
bulk bulk_again --llm-cache "$work/bcache" --force
expect "bulk: a rerun with the cache makes no request" "$nreq" 0
bulk bulk_budget --llm-cache "$work/bcache2" --llm-budget 2
expect "bulk: --llm-budget 2 holds across workers" "$nreq" 2
scenario slow
bulk bulk_slow --llm-cache "$work/bcache3" --file-timeout 2 --llm-timeout 60s
expect "bulk: a model slower than --file-timeout costs the drafts, not the files" \
	"$(grep -c '"status":"converted"' "$work/bulk_slow/results.jsonl")" 2
check "bulk: a file's requests stop at 75% of --file-timeout" \
	sh -c "cat '$work'/bulk_slow/*.yaml | grep -q 'no response within 1[0-9]* ms (what was left of the file'"

# ---- the key is nowhere: YAML, diagnostics, summaries, results, caches, prompts --
leaks=$(grep -rl -- "$KEY" "$work" 2>/dev/null)
if [ -z "$leaks" ]; then pass "the API key appears in no output, cache or prompt"; else
	fail "the API key appears in no output, cache or prompt"
	echo "$leaks" | sed 's/^/#   /'
fi
expect "every request with the key was authorised" "$(state auth_failures)" 1

# ---- the drafted SQL runs -----------------------------------------------------------
stop_server # pg.sh installs its own exit trap
trap - EXIT
. "$AKKO_SRCDIR/tests/pg/pg.sh"
if pg_start_or_report "the runs of the drafted SQL"; then
	pg_psql -q -c "CREATE DATABASE llm" >/dev/null && pg_psql -q -d llm -f "$dir/setup.sql" >"$work/setup.log" 2>&1 ||
		fail "setup.sql"
	for pair in good:m_llm_mixed:tgt_cust_scores malformed_repaired:m_llm_java:tgt_order_flags; do
		name=${pair%%:*} rest=${pair#*:}
		mapping=${rest%%:*} sink=${rest#*:}
		"$AKKO_BIN" compose "$work/$name.yaml" --pipeline "$mapping" --sink "$sink" >"$work/$sink.sql" 2>"$work/$sink.cerr"
		{
			echo "SET default_transaction_read_only = on;"
			echo "COPY ("
			sed -e ':a' -e '$!{N;ba' -e '}' -e 's/[[:space:]]*;[[:space:]]*$//' "$work/$sink.sql"
			echo ") TO STDOUT;"
		} >"$work/$sink.run.sql"
		if pg_psql -q -d llm -f "$work/$sink.run.sql" 2>"$work/$sink.psql" | sort >"$work/$sink.rows" &&
			sort "$dir/expected/$sink.tsv" | cmp -s - "$work/$sink.rows"; then
			pass "$name: the sink $sink, composed over the drafted nodes, gives the expected rows"
		else
			fail "$name: the sink $sink, composed over the drafted nodes, gives the expected rows"
			show "$work/$sink.psql" 5
			sort "$dir/expected/$sink.tsv" | diff - "$work/$sink.rows" | show /dev/stdin 10
		fi
	done
	pg_stop
fi
echo "# suite done"

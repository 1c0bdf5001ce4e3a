# pg.sh - a throw-away PostgreSQL server for the test suites (sourced, POSIX sh).
#
#   pg_start        initdb into a fresh temporary directory and start a server
#                   that listens only on a Unix socket inside that directory;
#                   returns 0 when it accepts connections, 2 when PostgreSQL is
#                   not installed (PG_WHY says why), 1 when it failed to start
#                   (PG_WHY and the log in $PG_DIR/server.log say why).
#   pg_psql ARGS    psql -X -At -v ON_ERROR_STOP=1 connected to that server.
#   pg_stop         stop the server and remove the directory (idempotent;
#                   pg_start installs a trap so it always runs on exit).
#   pg_start_or_report WHAT
#                   pg_start, reporting a failure (or a skip) as a TAP line.
#
# Nothing listens on TCP (listen_addresses=''); the port number only names the
# socket file.  PostgreSQL refuses to run as root, so as root the directory is
# given to the "postgres" system user and the server programs run through
# runuser (or su).  Variables: PG_BIN (the server's bin directory:
# AKKO_PG_BINDIR, else pg_config --bindir, else the newest
# /usr/lib/postgresql/*/bin), PG_PSQL, PG_DIR, PG_PORT (AKKO_PG_PORT, or
# 54329 by default), PG_WHY.

PG_DIR=""
PG_BIN=""
PG_WHY=""
PG_PORT=${AKKO_PG_PORT:-54329}
PG_STARTED=0

# pg_find_bin: set PG_BIN to a directory holding initdb, pg_ctl, postgres, psql.
# AKKO_PG_BINDIR, when set, is the only place looked at.
pg_find_bin() {
	if [ -n "${AKKO_PG_BINDIR:-}" ]; then
		_pg_dirs=$AKKO_PG_BINDIR
	else
		_pg_dirs="$(pg_config --bindir 2>/dev/null) $(ls -d /usr/lib/postgresql/*/bin /usr/local/pgsql/bin 2>/dev/null | sort -t/ -k5,5nr)"
	fi
	for _pg_d in $_pg_dirs; do
		if [ -x "$_pg_d/initdb" ] && [ -x "$_pg_d/pg_ctl" ] && [ -x "$_pg_d/postgres" ]; then
			PG_BIN=$_pg_d
			return 0
		fi
	done
	PG_WHY="PostgreSQL server binaries (initdb, pg_ctl, postgres) not found (install the postgresql package)"
	return 1
}

# pg_as_owner CMD ARGS...: run a server program as the owner of $PG_DIR.
pg_as_owner() {
	if [ "$(id -u)" -ne 0 ]; then
		"$@"
	elif command -v runuser >/dev/null 2>&1; then
		runuser -u postgres -- "$@"
	else
		# su needs one command string: quote every argument.
		_pg_cmd=""
		for _pg_a in "$@"; do
			_pg_cmd="$_pg_cmd '$(printf '%s' "$_pg_a" | sed "s/'/'\\\\''/g")'"
		done
		su postgres -s /bin/sh -c "$_pg_cmd"
	fi
}

pg_start() {
	pg_find_bin || return 2
	_pg_psql=$PG_BIN/psql
	[ -x "$_pg_psql" ] || _pg_psql=$(command -v psql 2>/dev/null)
	if [ -z "$_pg_psql" ]; then
		PG_WHY="psql not found"
		return 2
	fi
	PG_PSQL=$_pg_psql
	if [ "$(id -u)" -eq 0 ] && ! id -u postgres >/dev/null 2>&1; then
		PG_WHY="running as root and there is no 'postgres' system user to run the server"
		return 2
	fi
	# The socket path must stay short (about 100 bytes), so /tmp, not $TMPDIR.
	PG_DIR=$(mktemp -d /tmp/akko-pg.XXXXXX) || {
		PG_WHY="mktemp -d failed"
		return 1
	}
	trap 'pg_stop' EXIT
	trap 'pg_stop; exit 129' HUP
	trap 'pg_stop; exit 130' INT
	trap 'pg_stop; exit 143' TERM
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres "$PG_DIR" || {
			PG_WHY="cannot chown $PG_DIR to postgres"
			return 1
		}
	fi
	chmod 700 "$PG_DIR"
	if ! pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" --auth=trust -U postgres \
		--locale=C --encoding=UTF8 --no-sync >"$PG_DIR/initdb.log" 2>&1; then
		PG_WHY="initdb failed: $(tail -3 "$PG_DIR/initdb.log" | tr '\n' ' ')"
		return 1
	fi
	# initdb ran as the owner, so the owner can append to its own config.
	pg_as_owner sh -c "cat >>'$PG_DIR/data/postgresql.conf'" <<EOC
# akko-migrate test server: local socket only, no durability.
listen_addresses = ''
unix_socket_directories = '$PG_DIR'
port = $PG_PORT
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 10
shared_buffers = 16MB
timezone = 'UTC'
datestyle = 'ISO, MDY'
lc_messages = 'C'
logging_collector = off
EOC
	if ! pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -s start >/dev/null 2>&1; then
		PG_WHY="pg_ctl start failed: $(tail -3 "$PG_DIR/server.log" 2>/dev/null | tr '\n' ' ')"
		return 1
	fi
	PG_STARTED=1
	_pg_isready=$PG_BIN/pg_isready
	[ -x "$_pg_isready" ] || _pg_isready=$(command -v pg_isready 2>/dev/null)
	_pg_i=0
	while [ $_pg_i -lt 300 ]; do # 30 s
		if [ -n "$_pg_isready" ]; then
			"$_pg_isready" -q -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres && return 0
		else
			pg_psql -c 'SELECT 1' >/dev/null 2>&1 && return 0
		fi
		sleep 0.1 2>/dev/null || sleep 1
		_pg_i=$((_pg_i + 1))
	done
	PG_WHY="the server did not become ready within 30 s: $(tail -3 "$PG_DIR/server.log" 2>/dev/null | tr '\n' ' ')"
	return 1
}

# pg_start_or_report WHAT: pg_start; when it fails, say so as TAP and stop
# the server: "not ok - WHAT need a PostgreSQL server: why", or, with
# AKKO_ALLOW_PG_SKIP=1 when PostgreSQL is not installed, a skip of "WHAT in
# PostgreSQL" (never in CI).  Returns pg_start's status.  (Needs lib.sh.)
pg_start_or_report() {
	pg_start
	_pg_rc=$?
	[ $_pg_rc -eq 0 ] && return 0
	if [ $_pg_rc -eq 2 ] && [ "${AKKO_ALLOW_PG_SKIP:-0}" = 1 ]; then
		skip "$1 in PostgreSQL" "$PG_WHY (AKKO_ALLOW_PG_SKIP=1)"
	else
		fail "$1 need a PostgreSQL server: $PG_WHY"
		echo "#   install the postgresql package, or set AKKO_ALLOW_PG_SKIP=1 to skip these tests"
	fi
	pg_stop
	return $_pg_rc
}

pg_psql() {
	PGCLIENTENCODING=UTF8 PGTZ=UTC PGDATESTYLE='ISO, MDY' PGOPTIONS='' \
		"$PG_PSQL" -X -At -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres "$@"
}

pg_stop() {
	if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
		if [ "$PG_STARTED" = 1 ]; then
			pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -s -w stop >/dev/null 2>&1
			PG_STARTED=0
		fi
		rm -rf "$PG_DIR"
	fi
	PG_DIR=""
}

# pg_copy_wrap STMT_FILE OUT_FILE: the statement as one COPY: exactly one
# query, rows in COPY text format (tab-separated, NULL as \N), read-only,
# with a time limit.
pg_copy_wrap() {
	{
		echo "SET default_transaction_read_only = on;"
		echo "SET statement_timeout = '60s';"
		echo "COPY ("
		# Drop the trailing ';' (and blanks after it) of the statement.
		sed -e ':a' -e '$!{N;ba' -e '}' -e 's/[[:space:]]*;[[:space:]]*$//' "$1"
		echo ") TO STDOUT;"
	} >"$2"
}

# pg_rows_check LABEL EXPECTED PREFIX: "ok" when PREFIX.rows holds the rows
# of EXPECTED, both sorted; else "not ok" with the diff and PREFIX.sql.
pg_rows_check() {
	LC_ALL=C sort "$3.rows" >"$3.got"
	LC_ALL=C sort "$2" >"$3.want"
	if diff -u "$3.want" "$3.got" >"$3.diff" 2>&1; then
		pass "$1"
	else
		fail "$1 (rows differ: - expected, + got, sorted)"
		show "$3.diff" 40
		echo "#   statement ($3.sql):"
		show "$3.sql" 40
	fi
}

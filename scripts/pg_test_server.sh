# Sourced by .ci/run (and usable by hand): a throw-away PostgreSQL server for the tests.
#   pg_test_start   installs PostgreSQL from Debian's packages when missing, creates a cluster
#                   in a temporary directory, starts it on loopback (unix socket in the same
#                   directory, a free TCP port on 127.0.0.1) and exports
#                   LOGEERHUIS_TEST_POSTGRES=1 and LOGEERHUIS_TEST_PG_URL.
#   pg_test_stop    stops the server and removes the directory.
# initdb refuses to run as root, so as root the cluster belongs to a created user "pgtest".

PG_TEST_DIR=""
PG_TEST_USER=""
PG_BIN=""

_pg_find_bin() {
    local candidate
    for candidate in /usr/lib/postgresql/*/bin; do
        [ -x "$candidate/initdb" ] && { PG_BIN="$candidate"; return 0; }
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        PG_BIN="$(dirname "$(command -v pg_ctl)")"
        return 0
    fi
    return 1
}

_pg_as() {  # run a command as the cluster's owner
    if [ -n "$PG_TEST_USER" ]; then
        runuser -u "$PG_TEST_USER" -- "$@"
    else
        "$@"
    fi
}

pg_test_start() {
    if ! _pg_find_bin; then
        if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "PostgreSQL installeren voor de tests..."
            export DEBIAN_FRONTEND=noninteractive
            apt-get install -y -qq --no-install-recommends postgresql >/dev/null \
                || { apt-get update -qq \
                     && apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }
        fi
        _pg_find_bin || { echo "PostgreSQL ontbreekt en kan niet worden geïnstalleerd." >&2; return 1; }
    fi
    PG_TEST_DIR="$(mktemp -d /tmp/logeerhuis-pg.XXXXXX)"
    if [ "$(id -u)" -eq 0 ]; then
        PG_TEST_USER=pgtest
        id -u "$PG_TEST_USER" >/dev/null 2>&1 || useradd -m -s /bin/bash "$PG_TEST_USER"
        chown "$PG_TEST_USER" "$PG_TEST_DIR"
    fi
    chmod 700 "$PG_TEST_DIR"
    local port
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    _pg_as "$PG_BIN/initdb" -D "$PG_TEST_DIR/data" -U logeerhuis --auth=trust -E UTF8 \
        --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 \
        || { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
    # Everyone is trusted on loopback, except the role the tests use for a wrong password.
    _pg_as sed -i '0,/^local/s//host all lh_password 127.0.0.1\/32 scram-sha-256\nlocal/' \
        "$PG_TEST_DIR/data/pg_hba.conf"
    # Tests only: no fsync, small and quick.
    _pg_as "$PG_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TEST_DIR -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
        start >/dev/null || { cat "$PG_TEST_DIR/server.log" >&2; return 1; }
    export LOGEERHUIS_TEST_POSTGRES=1
    export LOGEERHUIS_TEST_PG_URL="postgresql+psycopg://logeerhuis@127.0.0.1:$port/postgres"
    export PATH="$PG_BIN:$PATH"  # pg_dump of the same version as the server
    echo "PostgreSQL gestart op 127.0.0.1:$port ($PG_TEST_DIR)"
}

pg_test_stop() {
    [ -n "$PG_TEST_DIR" ] || return 0
    _pg_as "$PG_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
    PG_TEST_DIR=""
}

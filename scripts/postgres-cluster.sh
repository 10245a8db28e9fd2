#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks: no system service, no fixed port.
#   scripts/postgres-cluster.sh start [folder]  → prints the cluster's folder, then its URL (two lines)
#   scripts/postgres-cluster.sh stop <folder>   → stops it and removes the folder
#   scripts/postgres-cluster.sh restart <folder> → restarts it on the same port (fast: connections are cut)
#   scripts/postgres-cluster.sh bindir          → where the binaries are (fails when PostgreSQL is missing)
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user (Debian's packages
# create it); as anyone else it belongs to that user. The binaries come from `pg_config --bindir`, else
# the newest /usr/lib/postgresql/<version>/bin.
set -euo pipefail

bindir() {
  local dir
  dir="$(pg_config --bindir 2>/dev/null || true)"
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return; fi
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return; fi
  echo "PostgreSQL is not installed (no initdb found via pg_config or /usr/lib/postgresql)." >&2
  exit 3
}

as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

case "${1:-}" in
  bindir)
    bindir
    ;;
  start)
    BIN="$(bindir)"
    FOLDER="${2:-$(mktemp -d /tmp/dispatch-pg-XXXXXX)}"
    mkdir -p "$FOLDER"
    if [[ "$(id -u)" == 0 ]]; then chown postgres: "$FOLDER"; fi
    chmod 700 "$FOLDER"
    as_owner "$BIN/initdb" -D "$FOLDER/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$FOLDER/initdb.log" 2>&1 ||
      { cat "$FOLDER/initdb.log" >&2; exit 1; }
    PORT="$(free_port)"
    # The socket lives in the cluster's folder (not /var/run/postgresql, which may not exist); TCP on loopback only.
    as_owner "$BIN/pg_ctl" -D "$FOLDER/data" -l "$FOLDER/server.log" -w -t 60 \
      -o "-p $PORT -k $FOLDER -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null ||
      { cat "$FOLDER/server.log" >&2; exit 1; }
    echo "$FOLDER"
    echo "postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  restart)
    FOLDER="${2:?usage: $0 restart <folder>}"
    BIN="$(bindir)"
    # -l again, or the new postmaster would keep this script's stdout open; the options are its last ones.
    as_owner "$BIN/pg_ctl" -D "$FOLDER/data" -l "$FOLDER/server.log" -m fast -w -t 60 restart >/dev/null ||
      { cat "$FOLDER/server.log" >&2; exit 1; }
    ;;
  stop)
    FOLDER="${2:?usage: $0 stop <folder>}"
    BIN="$(bindir)"
    if [[ -f "$FOLDER/data/postmaster.pid" ]]; then as_owner "$BIN/pg_ctl" -D "$FOLDER/data" -m fast -w stop >/dev/null || true; fi
    rm -rf "$FOLDER"
    ;;
  *)
    echo "usage: $0 start [folder] | stop <folder> | restart <folder>" >&2
    exit 2
    ;;
esac

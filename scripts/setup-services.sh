#!/usr/bin/env bash
# Makes this machine's PostgreSQL, MariaDB and Mosquitto fit for Duto's tests, idempotently:
# starts any that is down, turns on PostgreSQL logical decoding (wal_level=logical) and the
# MariaDB row binlog, and restarts a server only when a setting had to change.
set -euo pipefail

say() { printf '[services] %s\n' "$*"; }
wait_port() { # host port what
  for _ in $(seq 1 60); do
    if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  say "$3 does not answer on $1:$2"; return 1
}
need_root() {
  if [ "$(id -u)" != 0 ]; then say "changing $1 needs root: run this script as root, or apply: $2"; exit 1; fi
}

# --- PostgreSQL ------------------------------------------------------------------------
pg_cluster() { ls /etc/postgresql | sort -V | tail -n 1; }
pg() { psql -h 127.0.0.1 -U postgres -d postgres -tAXc "$1"; }
if ! wait_port 127.0.0.1 5432 PostgreSQL 2>/dev/null; then
  need_root PostgreSQL "start it"
  say "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(pg_cluster)" main start
  wait_port 127.0.0.1 5432 PostgreSQL
fi
if [ "$(pg 'SHOW wal_level')" != logical ]; then
  need_root PostgreSQL "ALTER SYSTEM SET wal_level = logical; then restart"
  say "setting PostgreSQL wal_level=logical and restarting it"
  pg "ALTER SYSTEM SET wal_level = logical" >/dev/null
  pg_ctlcluster --skip-systemctl-redirect "$(pg_cluster)" main restart
  wait_port 127.0.0.1 5432 PostgreSQL
  sleep 1
fi
say "PostgreSQL: wal_level=$(pg 'SHOW wal_level'), max_replication_slots=$(pg 'SHOW max_replication_slots')"

# --- MariaDB ---------------------------------------------------------------------------
MARIADB_CNF=/etc/mysql/my.cnf
maria() { mariadb -h 127.0.0.1 -uroot -N -B -e "$1"; }
start_mariadb() {
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  wait_port 127.0.0.1 3306 MariaDB
}
if ! wait_port 127.0.0.1 3306 MariaDB 2>/dev/null; then
  need_root MariaDB "start it"
  say "starting MariaDB"
  start_mariadb
fi
binlog_ready() {
  case "$(maria 'SELECT CONCAT(@@log_bin, "/", @@binlog_format, "/", @@binlog_row_image)')" in
    1/ROW/FULL | ON/ROW/FULL) return 0 ;;
    *) return 1 ;;
  esac
}
if ! binlog_ready; then
  need_root MariaDB "log_bin, binlog_format=ROW, binlog_row_image=FULL and a server_id in $MARIADB_CNF"
  if ! grep -q '^# duto: row binlog for CDC' "$MARIADB_CNF"; then
    say "adding the row binlog settings to $MARIADB_CNF"
    cat >>"$MARIADB_CNF" <<'CNF'

# duto: row binlog for CDC
[mysqld]
log_bin = mysql-bin
binlog_format = ROW
binlog_row_image = FULL
server_id = 1
expire_logs_days = 7
CNF
  fi
  say "restarting MariaDB"
  mariadb-admin -h 127.0.0.1 -uroot shutdown
  for _ in $(seq 1 60); do pgrep -x mariadbd >/dev/null || break; sleep 0.5; done
  start_mariadb
fi
say "MariaDB: log_bin/binlog_format/row_image = $(maria 'SELECT CONCAT(@@log_bin, "/", @@binlog_format, "/", @@binlog_row_image)')"

# --- Mosquitto -------------------------------------------------------------------------
# The tests run a Mosquitto of their own with lossless limits; the stock one serves the
# samples and must merely be up.
if ! wait_port 127.0.0.1 1883 Mosquitto 2>/dev/null; then
  need_root Mosquitto "start it"
  say "starting Mosquitto"
  mosquitto -d -c /etc/mosquitto/mosquitto.conf
  wait_port 127.0.0.1 1883 Mosquitto
fi
command -v mosquitto >/dev/null || { say "mosquitto is not installed (apt-get install -y mosquitto)"; exit 1; }
say "Mosquitto: up on 127.0.0.1:1883"

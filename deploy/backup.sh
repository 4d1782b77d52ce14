#!/bin/sh
# A daily backup of one Uptime Ledger instance (run by deploy/systemd/uptime-ledger-backup.service, or by
# hand with the same environment): the database (pg_dump -Fc on PostgreSQL, `ledger backup` on SQLite)
# and the data folder's evidence files and server secret, into <LEDGER_BACKUP_DIR>/<KST date>/, then
# folders older than LEDGER_BACKUP_DAYS days are removed. A backup is written under a .partial name
# and renamed only when every part is written, so a folder with a date is always a whole backup.
# Restoring: docs/deploy.md, "백업과 복원".
set -eu

data_dir=${LEDGER_DATA_DIR:?LEDGER_DATA_DIR is not set (the environment file, /etc/uptime-ledger/env)}
backup_dir=${LEDGER_BACKUP_DIR:-/var/backups/uptime-ledger}
keep_days=${LEDGER_BACKUP_DAYS:-14}
app_dir=$(cd "$(dirname "$0")/.." && pwd)

case $keep_days in '' | *[!0-9]*) echo "LEDGER_BACKUP_DAYS must be a whole number of days, not '$keep_days'" >&2; exit 2 ;; esac
[ -d "$backup_dir" ] || { echo "$backup_dir does not exist (make it, owned by the service user)" >&2; exit 2; }

# the date as the group reads it: KST
day=$(TZ=Asia/Seoul date +%F)
target="$backup_dir/$day"
work="$target.partial"
rm -rf "$work"
mkdir -m 0700 "$work"

case ${DATABASE_URL:-} in
  postgres://* | postgresql://*)
    # libpq refuses Prisma's own URL parameters (schema=, connection_limit=, …); the others (sslmode=, host=) stay
    url=${DATABASE_URL%%\?*}
    if [ "$url" != "$DATABASE_URL" ]; then
      kept=$(printf '%s\n' "${DATABASE_URL#*\?}" | tr '&' '\n' |
        grep -Ev '^(schema|connection_limit|pool_timeout|pgbouncer|statement_cache_size|socket_timeout)=' | paste -sd '&' -) || true
      url="$url${kept:+?$kept}"
    fi
    pg_dump --format=custom --no-owner --file="$work/ledger.pgdump" --dbname="$url"
    ;;
  *)
    # SQLite (file:… or unset: <data dir>/ledger.db): an online copy, checked before it is reported written
    node "$app_dir/bin/ledger.mjs" backup "$work/ledger.db"
    ;;
esac

# Evidence files are named by their SHA-256 and never change; the secret signs sign-in forms. Both live
# beside the database and are lost with the disk. A folder not there yet (no failure stored) is skipped.
parts=""
for p in evidence secret; do [ -e "$data_dir/$p" ] && parts="$parts $p"; done
# shellcheck disable=SC2086 # the parts are plain names
[ -z "$parts" ] || tar -C "$data_dir" -czf "$work/data.tar.gz" $parts
(cd "$work" && sha256sum -- * > SHA256SUMS)

rm -rf "$target"
mv "$work" "$target"
echo "backup written: $target ($(du -sh "$target" | cut -f1))"

# keep the last keep_days days: folder names are dates, so compare names, not modification times
oldest=$(TZ=Asia/Seoul date -d "$day -$keep_days days" +%F)
for d in "$backup_dir"/????-??-??; do
  [ -d "$d" ] || continue
  name=$(basename "$d")
  if [ "$name" \< "$oldest" ] || [ "$name" = "$oldest" ]; then
    rm -rf "$d"
    echo "removed backup older than $keep_days days: $d"
  fi
done

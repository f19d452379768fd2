#!/usr/bin/env bash
# How long `gutlog import` of a 20-year diary holds the diary's write lock
# (a benchmark, never a test). Target: at most 2 s, so that another gutlog
# that has to wait (it says so after a second) never waits long.
#
#   bash benches/import-lock.sh
#
# Builds release, makes a 20-year demo diary (`gutlog demo --days 7300`),
# exports it, then imports the export into a diary that already holds a
# day, while a probe takes and releases the write lock in a loop (sqlite3,
# `BEGIN IMMEDIATE; COMMIT`). The longest probe is how long the import kept
# the lock (plus one probe's start-up, a few milliseconds). Needs sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/gutlog
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GUTLOG_NOW=2026-11-20T21:00:00

"$bin" --db "$work/twenty.db" demo --days 7300 --seed 1 >/dev/null
"$bin" --db "$work/twenty.db" export --out "$work/twenty.json"
echo "20-year export: $(stat -c %s "$work/twenty.json") bytes"

for run in 1 2 3; do
  db="$work/into-$run.db"
  "$bin" --db "$db" log meal "toast" --at 08:00 >/dev/null
  stop="$work/stop-$run"
  (
    longest=0
    while [ ! -e "$stop" ]; do
      t0=$(date +%s%N)
      sqlite3 "$db" ".timeout 60000" "BEGIN IMMEDIATE; COMMIT;" >/dev/null
      t=$(( ($(date +%s%N) - t0) / 1000000 ))
      [ "$t" -gt "$longest" ] && longest=$t
    done
    echo "$longest" >"$work/longest-$run"
  ) &
  probe=$!
  sleep 0.3
  t0=$(date +%s%N)
  "$bin" --db "$db" import "$work/twenty.json" >/dev/null
  total=$(( ($(date +%s%N) - t0) / 1000000 ))
  sleep 0.3
  touch "$stop"
  wait "$probe"
  echo "run $run: import took $total ms in all; the longest wait for the lock was $(cat "$work/longest-$run") ms"
done

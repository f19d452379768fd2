#!/usr/bin/env bash
# Speed and size targets of the foundation (a benchmark, never a test).
#
#   bash benches/cli.sh
#
# Builds release, makes a 10-year demo diary, then measures:
#   - `gutlog log meal …` as a whole process vs the sqlite3 shell inserting
#     one row into the same file (target: within 1.5×);
#   - `gutlog export` (target ≤ 300 ms) and `gutlog import` of that export
#     into an empty diary (target ≤ 1 s);
#   - the diary's size (target ≤ 10 MB).
# Needs hyperfine and sqlite3 (apt-get install hyperfine sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/gutlog
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GUTLOG_NOW=2026-11-20T21:00:00

"$bin" --db "$work/ten.db" demo --days 3650 --seed 1
"$bin" --db "$work/ten.db" export --out "$work/ten.json"
size=$(stat -c %s "$work/ten.db")
echo "10-year diary: $size bytes ($(( size / 1024 / 1024 )) MB); export $(stat -c %s "$work/ten.json") bytes"

hyperfine -N --warmup 5 --runs 100 \
  -n "gutlog log meal" "$bin --db $work/ten.db log meal 'oats, banana' --at 08:00" \
  -n "sqlite3 insert" "sqlite3 $work/ten.db \"INSERT INTO stools VALUES (lower(hex(randomblob(16))), '2026-11-20T08:00:00', 4)\""

hyperfine -N --warmup 3 --runs 30 -n "gutlog export" "$bin --db $work/ten.db export"

hyperfine --warmup 1 --runs 10 -n "gutlog import (empty diary)" \
  --prepare "rm -f $work/imp.db $work/imp.db-wal $work/imp.db-shm" \
  "$bin --db $work/imp.db import $work/ten.json"

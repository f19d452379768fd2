#!/usr/bin/env bash
# `gutlog sync` between two 10-year diaries (a benchmark, never a test).
#
#   bash benches/sync.sh [RUNS]
#
# Builds release, makes two different 10-year demo diaries (`gutlog demo
# --days 3650`, seeds 1 and 2, ~31,500 entries each), lets the second write
# its file to a sync folder, then times whole `gutlog sync` processes
# (target: each ≤ 2 s):
#   1. the first diary's first sync: it reads the other's 10-year file,
#      adds its 31,000 entries and writes the merged 20-year file;
#   2. the second diary's sync after that: it reads the merged file;
#   3. a sync with nothing new (both diaries already the same).
# Each run starts from a fresh copy of the diary and the folder. Daily
# backups are off (GUTLOG_KEEP_BACKUPS=0): they happen once a day, not per
# sync. Prints min / median / max wall time and the CPU time of each run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --quiet
bin=$PWD/target/release/gutlog
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GUTLOG_NOW=2026-11-20T21:00:00 GUTLOG_KEEP_BACKUPS=0

mkdir -p "$work/pristine/folder"
"$bin" --db "$work/pristine/a.db" demo --days 3650 --seed 1
"$bin" --db "$work/pristine/b.db" demo --days 3650 --seed 2
"$bin" --db "$work/pristine/b.db" sync "$work/pristine/folder" >/dev/null
# The states after step 1 and after step 2, to start steps 2 and 3 from.
cp -r "$work/pristine" "$work/after1"
"$bin" --db "$work/after1/a.db" sync "$work/after1/folder" >/dev/null
cp -r "$work/after1" "$work/after2"
"$bin" --db "$work/after2/b.db" sync "$work/after2/folder" >/dev/null
for f in "$work"/after2/folder/*.json; do
  echo "$(basename "$f"): $(stat -c %s "$f") bytes"
done

# measure LABEL STATE DIARY: copies STATE to a scratch place, then times
# `gutlog sync` of DIARY there, RUNS times.
measure() {
  local label=$1 state=$2 diary=$3 times=() cpu=()
  for _ in $(seq "$runs"); do
    rm -rf "$work/run" && cp -r "$work/$state" "$work/run"
    sync  # the copies are on disk before the clock starts
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$work/cpu" \
      "$bin" --db "$work/run/$diary.db" sync "$work/run/folder" >/dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
    cpu+=("$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/cpu")")
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  echo "$label: wall min $(echo "$sorted" | head -1) ms, median $(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p") ms, max $(echo "$sorted" | tail -1) ms; CPU ${cpu[*]} ms"
}

measure "1. first sync, reads the other 10-year diary" pristine a
measure "2. the other's sync, reads the merged 20-year file" after1 b
measure "3. sync with nothing new" after2 a
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

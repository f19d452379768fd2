#!/usr/bin/env bash
# Benchmark (not a test): the report for a doctor as a whole process, on a
# 10-year demo diary, release build. Target: ≤ 200 ms for the 90-day HTML
# report (written to a file, as people use it); Markdown and the CSV export
# of the same 90 days are timed alongside.
#
# Usage: benches/clinician-report.sh     (from the repository root)
# Uses hyperfine when installed, else a loop timed with date +%s%N.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/gutlog"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GUTLOG_NOW=2026-11-22T21:00:00 GUTLOG_KEEP_BACKUPS=0
db="$work/3650.db"
"$bin" --db "$db" demo --days 3650 >/dev/null

html="$bin --db $db report --format html --out $work/report.html --force"
md="$bin --db $db report --format markdown --out $work/report.md --force"
runs=${RUNS:-30}
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 3 --runs "$runs" -N \
        -n "90-day HTML report" "$html" \
        -n "90-day Markdown report" "$md" \
        -n "365-day HTML report" "$html --days 365"
else
    for name in html md; do
        cmd=${!name}
        for _ in 1 2 3; do $cmd >/dev/null; done
        start=$(date +%s%N)
        for _ in $(seq "$runs"); do $cmd >/dev/null; done
        end=$(date +%s%N)
        echo "90-day $name report: $(( (end - start) / runs / 1000000 )) ms per run (mean of $runs)"
    done
    start=$(date +%s%N)
    for _ in $(seq "$runs"); do $html --days 365 >/dev/null; done
    end=$(date +%s%N)
    echo "365-day html report: $(( (end - start) / runs / 1000000 )) ms per run (mean of $runs)"
fi
start=$(date +%s%N)
"$bin" --db "$db" export --format csv --out "$work/csv" >/dev/null
end=$(date +%s%N)
echo "CSV export of all 10 years (one run): $(( (end - start) / 1000000 )) ms"

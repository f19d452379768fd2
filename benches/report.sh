#!/usr/bin/env bash
# Benchmark (not a test): `gutlog report` as a whole process on a 1-year and
# a 10-year demo diary, release build. Targets: ≤ 50 ms on 10 years, and no
# more than 1.3× the 1-year time (the work must follow the window, not the
# whole history).
#
# Usage: benches/report.sh            (from the repository root)
# Uses hyperfine when installed, else a loop timed with date +%s%N.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/gutlog"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GUTLOG_NOW=2026-11-22T21:00:00
for days in 365 3650; do
    "$bin" --db "$work/$days.db" demo --days "$days" >/dev/null
done

runs=${RUNS:-50}
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 5 --runs "$runs" -N \
        --export-markdown "$work/report.md" \
        -n "1 year" "$bin --db $work/365.db report" \
        -n "10 years" "$bin --db $work/3650.db report" \
        -n "1 year --json" "$bin --db $work/365.db report --json" \
        -n "10 years --json" "$bin --db $work/3650.db report --json"
    cat "$work/report.md"
else
    for days in 365 3650; do
        for _ in 1 2 3 4 5; do "$bin" --db "$work/$days.db" report >/dev/null; done
        start=$(date +%s%N)
        for _ in $(seq "$runs"); do "$bin" --db "$work/$days.db" report >/dev/null; done
        end=$(date +%s%N)
        echo "$days days: $(( (end - start) / runs / 1000 )) µs per report (mean of $runs)"
    done
fi

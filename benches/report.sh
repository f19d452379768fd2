#!/usr/bin/env bash
# Benchmark (not a test): `gutlog report` as a whole process, release build,
# on a 1-year and a 10-year demo diary. Targets: ≤ 50 ms with the default
# 56 days of history (also no more than 1.3× the 1-year time: the work must
# follow the window, not the whole history), and ≤ 200 ms with
# --history-days 3660 on the 10-year diary. Figures are medians.
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
for days in 365 3660; do
    "$bin" --db "$work/$days.db" demo --days "$days" >/dev/null
done

runs=${RUNS:-50}
cases=(
    "1 year, 56 days|--db $work/365.db report"
    "10 years, 56 days|--db $work/3660.db report"
    "10 years, 56 days, --json|--db $work/3660.db report --json"
    "10 years, --history-days 3660|--db $work/3660.db report --history-days 3660"
    "10 years, --history-days 3660 --json|--db $work/3660.db report --history-days 3660 --json"
)
if command -v hyperfine >/dev/null; then
    args=()
    for c in "${cases[@]}"; do
        args+=(-n "${c%%|*}" "$bin ${c#*|}")
    done
    hyperfine --warmup 5 --runs "$runs" -N --export-markdown "$work/report.md" "${args[@]}"
    cat "$work/report.md"
else
    for c in "${cases[@]}"; do
        read -ra argv <<<"${c#*|}"
        for _ in 1 2 3 4 5; do "$bin" "${argv[@]}" >/dev/null; done
        for _ in $(seq "$runs"); do
            start=$(date +%s%N)
            "$bin" "${argv[@]}" >/dev/null
            end=$(date +%s%N)
            echo $(((end - start) / 1000))
        done | sort -n | awk -v name="${c%%|*}" '
            { t[NR] = $1 }
            END { printf "%-40s median %6.1f ms  (min %.1f, max %.1f, %d runs)\n",
                  name, t[int((NR + 1) / 2)] / 1000, t[1] / 1000, t[NR] / 1000, NR }'
    done
fi

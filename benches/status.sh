#!/usr/bin/env bash
# Benchmark (not a test): `gutlog status` as a whole process, the way a shell
# prompt runs it, on a 10-year demo diary, release build. Target: ≤ 5 ms.
# Also times `gutlog __complete foods` (what a TAB press runs) and, for
# scale, `true` (the cost of starting any process from this script).
#
# Usage: benches/status.sh            (from the repository root)
# Uses hyperfine when installed, else a loop timed with date +%s%N. On a
# busy machine wall-clock time is mostly waiting for a CPU; where `perf` is
# installed the script also prints the CPU time each run used (task-clock).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$(pwd)/${CARGO_TARGET_DIR:-target}/release/gutlog"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GUTLOG_NOW=2026-11-22T21:00:00 XDG_CONFIG_HOME="$work/config"
db="$work/3650.db"
"$bin" --db "$db" demo --days 3650 >/dev/null
# A config file, as most people who use the prompt will have one.
mkdir -p "$XDG_CONFIG_HOME/gutlog"
printf 'reminder_hour = 20\n[report]\nmin_severity = 2\n' >"$XDG_CONFIG_HOME/gutlog/config.toml"

runs=${RUNS:-200}
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 20 --runs "$runs" -N -i \
        -n "status" "$bin --db $db status" \
        -n "status --prompt" "$bin --db $db status --prompt" \
        -n "status --json" "$bin --db $db status --json" \
        -n "__complete foods" "$bin --db $db __complete foods -- ba"
else
    time_it() {
        local name=$1
        shift
        for _ in $(seq 20); do "$@" >/dev/null || true; done
        local start end
        start=$(date +%s%N)
        for _ in $(seq "$runs"); do "$@" >/dev/null || true; done
        end=$(date +%s%N)
        printf '%-18s %6d µs per run (mean of %d)\n' "$name" $(((end - start) / runs / 1000)) "$runs"
    }
    time_it "/bin/true" /bin/true
    time_it "status" "$bin" --db "$db" status
    time_it "status --prompt" "$bin" --db "$db" status --prompt
    time_it "status --json" "$bin" --db "$db" status --json
    time_it "__complete foods" "$bin" --db "$db" __complete foods -- ba
fi

if command -v perf >/dev/null; then
    echo "CPU time per run (perf stat task-clock, $runs runs):"
    for args in "status" "status --prompt" "__complete foods -- ba"; do
        # shellcheck disable=SC2086
        ms=$(perf stat -x, -e task-clock -r "$runs" "$bin" --db "$db" $args 2>&1 >/dev/null |
            awk -F, '/task-clock/ { printf "%.2f", $1 }')
        printf '%-24s %s ms\n' "$args" "$ms"
    done
    ms=$(perf stat -x, -e task-clock -r "$runs" /bin/true 2>&1 >/dev/null | awk -F, '/task-clock/ { printf "%.2f", $1 }')
    printf '%-24s %s ms\n' "/bin/true" "$ms"
fi

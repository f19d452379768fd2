#!/usr/bin/env bash
# Accuracy bench of the trigger analysis, before and after, side by side
# (a benchmark, not a test). "After" is `cargo bench --bench
# insights-accuracy` in this tree. "Before" is the same bench built in a
# copy of the base revision (the method before issue 11) with this tree's
# generators (tests/support/diaries.rs), bench and demo diary laid over
# it, so both methods see exactly the same diaries.
#
# Usage: bash benches/insights-accuracy.sh [BASE_REVISION]
#   SEEDS=300 (default 200) and CASES=null,bystander,power,skip,demo pass
#   through. The base revision's build is kept in target/insights-before.
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:-d520371}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/before"
git archive "$base" | tar -x -C "$work/before"
cp tests/support/diaries.rs "$work/before/tests/support/diaries.rs"
cp benches/insights_accuracy.rs "$work/before/benches/insights_accuracy.rs"
cp src/demo.rs "$work/before/src/demo.rs"
# The base revision's plan runs have no start time yet (added with sync):
# the demo's copy drops that one field, which the analysis never reads.
sed -i '/^ *created_at: None,$/d' "$work/before/src/demo.rs"
cat >>"$work/before/Cargo.toml" <<'EOF'

[[bench]]
name = "insights-accuracy"
path = "benches/insights_accuracy.rs"
harness = false
EOF
target="${CARGO_TARGET_DIR:-$PWD/target}"
echo "building and running before ($base) …" >&2
(cd "$work/before" && CARGO_TARGET_DIR="$target/insights-before" \
    cargo bench --quiet --bench insights-accuracy) >"$work/before.txt"
echo "building and running after (this tree) …" >&2
cargo bench --quiet --bench insights-accuracy >"$work/after.txt"
# Lines are "id | what | value": join on the id.
awk -F'|' '
    NR == FNR { before[$1] = $3; next }
    { printf "| %s| %s| %s |\n", $2, before[$1], $3 }
' "$work/before.txt" "$work/after.txt" |
    sed 's/  *|/ |/g' |
    { echo "| measure | before | after |"; echo "|---|---|---|"; cat; }

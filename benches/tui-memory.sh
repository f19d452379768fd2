#!/bin/sh
# Peak memory of the real TUI on a 10-year diary: builds the release
# binary, fills a temp diary with `gutlog demo --days 3650`, runs the TUI
# in tmux under /usr/bin/time -v, visits every screen, quits with q, and
# prints the maximum resident set size. Target: <= 30 MB.
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/gutlog"
dir=$(mktemp -d)
sock="gutlog-mem-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT
export GUTLOG_NOW=2026-11-20T20:30:00
"$bin" --db "$dir/d.db" demo --days 3650 >/dev/null
tmux -L "$sock" new-session -d -s m -x 200 -y 60 \
  "/usr/bin/time -v -o '$dir/time.txt' env GUTLOG_NOW=$GUTLOG_NOW '$bin' --db '$dir/d.db'; sleep 30"
sleep 1
for k in j 2 1 2 j j j j G 3 5 G 1 '?' Escape q; do
  tmux -L "$sock" send-keys -t m "$k"
  sleep 0.2
done
for _ in 1 2 3 4 5 6 7 8 9 10; do
  [ -s "$dir/time.txt" ] && break
  sleep 0.5
done
grep -E "Maximum resident set size|Elapsed" "$dir/time.txt"

#!/usr/bin/env bash
# Throughput of `copydesk check` on the 10 MB benchmark file, measured beside ripgrep
# searching the same file for the built-in misspelling list (`rg -c -F -w -f`), in the same
# script, so machine noise hits both alike. Reports the best of N runs of each, MB/s, and
# copydesk's time as a multiple of ripgrep's. A benchmark, not a test: run it by hand.
#
#   benches/throughput.sh [FILE] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-../shared/corpus/bench/arabic-news-10mb.txt}
runs=${2:-5}
command -v rg >/dev/null || { echo "needs ripgrep (apt-get install ripgrep)" >&2; exit 2; }
cargo build --release --quiet
bin=target/release/copydesk

patterns=$(mktemp)
trap 'rm -f "$patterns"' EXIT
grep -v '^#' src/data/misspellings.txt | cut -f1 | sed '/^$/d' > "$patterns"

# Best wall time in milliseconds of running "$@" $runs times (output discarded).
best_ms() {
  local best=999999999 t0 t1 ms
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    (( ms < best )) && best=$ms
  done
  echo "$best"
}

bytes=$(wc -c < "$file")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1048576 }')
rg_ms=$(best_ms rg -c -F -w -f "$patterns" "$file")
cd_ms=$(best_ms "$bin" check --format json "$file")
cd_one_ms=$(best_ms "$bin" check --format json --select misspelling "$file")
rate() { awk -v b="$bytes" -v ms="$1" 'BEGIN { printf "%.1f", (b / 1048576) / (ms / 1000) }'; }
ratio() { awk -v a="$1" -v b="$rg_ms" 'BEGIN { printf "%.2f", a / b }'; }

echo "file: $file ($mb MiB), best of $runs runs; patterns: $(wc -l < "$patterns") misspellings"
printf '%-42s %8s ms %8s MiB/s %8s\n' "what" "time" "rate" "× rg"
printf '%-42s %8d ms %8s MiB/s %8s\n' "rg -c -F -w -f misspellings" "$rg_ms" "$(rate "$rg_ms")" "1.00"
printf '%-42s %8d ms %8s MiB/s %8s\n' "copydesk check (all rules, json)" "$cd_ms" "$(rate "$cd_ms")" "$(ratio "$cd_ms")"
printf '%-42s %8d ms %8s MiB/s %8s\n' "copydesk check --select misspelling" "$cd_one_ms" "$(rate "$cd_one_ms")" "$(ratio "$cd_one_ms")"

#!/usr/bin/env bash
# Throughput and start-up of `copydesk check`, in one script so machine noise hits every case
# alike. A benchmark, not a test: run it by hand (under `nice` on a shared machine).
#
#   benches/throughput.sh [FILE] [RUNS]
#
# 1. The 10 MB benchmark file: `copydesk check --format json` (all rules; misspelling alone)
#    beside ripgrep searching the same file for the built-in misspelling list
#    (`rg -c -F -w -f`), each on one core (RAYON_NUM_THREADS=1; rg -j1) and with both cores.
# 2. A fresh process checking one 5 KB story (the seed article) with the Hunspell dictionary:
#    cold (an empty cache: the dictionary is compiled from its text and the compiled form
#    written), warm (the cache a run of the same story left), warm from other copy (a cache
#    filled by checking the test fixtures, not this story), the compiled form alone (no
#    verdicts cached), and without the dictionary, for the floor.
#
# Best of RUNS (default 5) of each; CPU time (user + system) is what counts on a shared
# machine, wall time is shown beside it. BASE=path/to/an/older/copydesk adds its rows, for
# before/after ratios measured in the same run; PER_RULE=1 adds each rule alone (--select).
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-../shared/corpus/bench/arabic-news-10mb.txt}
runs=${2:-5}
story=examples/stories/seed-article.txt
command -v rg >/dev/null || { echo "needs ripgrep (apt-get install ripgrep)" >&2; exit 2; }
cargo build --release --quiet
bin=target/release/copydesk

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
patterns=$tmp/patterns
grep -v '^#' src/data/misspellings.txt | cut -f1 | sed '/^$/d' > "$patterns"

# Best wall and best CPU time, in ms, of running "$@" $runs times (output discarded), timed
# by bash's `time` (millisecond resolution; CPU is user + system of the process). A function
# named in $BEFORE_EACH runs before each run (not timed).
TIMEFORMAT='%3R %3U %3S'
best() {
  local best_wall=999999999 best_cpu=999999999 out wall cpu
  for _ in $(seq "$runs"); do
    [ -n "${BEFORE_EACH:-}" ] && "$BEFORE_EACH"
    { time "$@" >/dev/null 2>&1 || true; } 2>"$tmp/time"
    out=$(tail -1 "$tmp/time")
    wall=$(awk '{ printf "%d", $1 * 1000 }' <<<"$out")
    cpu=$(awk '{ printf "%d", ($2 + $3) * 1000 }' <<<"$out")
    (( wall < best_wall )) && best_wall=$wall
    (( cpu < best_cpu )) && best_cpu=$cpu
  done
  echo "$best_wall $best_cpu"
}

bytes=$(wc -c < "$file")
mib=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1048576 }')
rate() { awk -v b="$bytes" -v ms="$1" 'BEGIN { printf "%.1f", (b / 1048576) / (ms / 1000) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "== throughput: $file ($mib MiB), best of $runs; patterns: $(wc -l < "$patterns") misspellings"
echo "   (verdict cache warm: one untimed run first; times in ms; × rg compares CPU time)"
printf '%-52s %8s %8s %9s %7s\n' "what" "wall" "cpu" "MiB/s cpu" "× rg"
read -r rg_wall rg_cpu < <(best rg -j1 -c -F -w -f "$patterns" "$file")
printf '%-52s %8d %8d %9s %7s\n' "rg -j1 -c -F -w -f misspellings" "$rg_wall" "$rg_cpu" "$(rate "$rg_cpu")" "1.00"
row() {
  local label=$1
  shift
  read -r w c < <(best "$@")
  printf '%-52s %8d %8d %9s %7s\n' "$label" "$w" "$c" "$(rate "$c")" "$(ratio "$c" "$rg_cpu")"
}
export COPYDESK_CACHE_DIR=$tmp/cache-bench
"$bin" check --format json "$file" >/dev/null 2>&1 || true
for b in "$bin" ${BASE:+"$BASE"}; do
  name=copydesk
  [ "$b" != "$bin" ] && name=base
  row "$name check, all six rules, one core" env RAYON_NUM_THREADS=1 "$b" check --format json "$file"
  row "$name check, all six rules, two cores (wall)" "$b" check --format json "$file"
  row "$name check --select misspelling, one core" env RAYON_NUM_THREADS=1 "$b" check --format json --select misspelling "$file"
done

if [ -n "${PER_RULE:-}" ]; then
  echo
  echo "== each rule alone (--select), one core, warm cache; what they share is the unattributed-quote row, nearly"
  printf '%-52s %8s %8s %9s %7s\n' "what" "wall" "cpu" "MiB/s cpu" "× rg"
  for r in misspelling name-variant unattributed-quote boilerplate duplicate-paragraph repeated-word; do
    row "copydesk --select $r, one core" env RAYON_NUM_THREADS=1 "$bin" check --format json --select "$r" "$file"
  done
fi

echo
# Short runs: more of them (CPU time is counted in scheduler ticks).
runs=$(( runs < 10 ? 10 : runs ))
echo "== start-up: a fresh process checking $story ($(wc -c < "$story") bytes), best of $runs"
printf '%-52s %8s %8s\n' "what" "wall" "cpu"
story_row() {
  local label=$1
  shift
  read -r w c < <(best "$@")
  printf '%-52s %8d %8d\n' "$label" "$w" "$c"
}
cold_cache() { rm -rf "$tmp/cache-cold"; }
# The cache the fixtures left, afresh before each run (a run adds this story's verdicts).
other_cache() { rm -rf "$tmp/cache-other"; cp -r "$tmp/cache-fixtures" "$tmp/cache-other" 2>/dev/null || true; }
# The compiled dictionary alone: the fixtures' cache without its verdicts.
compiled_cache() {
  rm -rf "$tmp/cache-compiled"; cp -r "$tmp/cache-fixtures" "$tmp/cache-compiled" 2>/dev/null || true
  rm -f "$tmp/cache-compiled"/verdicts-*
}
for b in "$bin" ${BASE:+"$BASE"}; do
  name=copydesk
  [ "$b" != "$bin" ] && name=base
  BEFORE_EACH=cold_cache COPYDESK_CACHE_DIR=$tmp/cache-cold story_row "$name, cold (no cache: compile, write)" "$b" check "$story"
  rm -rf "$tmp/cache-warm"
  COPYDESK_CACHE_DIR=$tmp/cache-warm "$b" check "$story" >/dev/null 2>&1 || true
  COPYDESK_CACHE_DIR=$tmp/cache-warm story_row "$name, warm (this story checked before)" "$b" check "$story"
  rm -rf "$tmp/cache-fixtures"
  COPYDESK_CACHE_DIR=$tmp/cache-fixtures "$b" check tests/fixtures >/dev/null 2>&1 || true
  BEFORE_EACH=other_cache COPYDESK_CACHE_DIR=$tmp/cache-other \
    story_row "$name, warm from other copy (tests/fixtures)" "$b" check "$story"
  BEFORE_EACH=compiled_cache COPYDESK_CACHE_DIR=$tmp/cache-compiled \
    story_row "$name, compiled dictionary only (no verdicts)" "$b" check "$story"
  COPYDESK_DICTIONARY=$tmp/none.dic story_row "$name, no dictionary" "$b" check "$story"
done

#!/usr/bin/env bash
# Whole-command screening benchmark (issue: bureau screening, performance).
#
# Measures, in one run on this machine:
#   1. throughput of `zhizao screen` vs the parse-only baseline
#      (`zhizao screen --parse-only`: read + parse into the questionnaire struct),
#   2. `--jobs 2` vs `--jobs 1`,
#   3. peak memory (max RSS) at N_SMALL vs N_LARGE files.
# Usage: scripts/bench-screen.sh            (10,000 and 100,000 files)
#        N_SMALL=1000 N_LARGE=10000 scripts/bench-screen.sh   (quick)
set -euo pipefail
cd "$(dirname "$0")/.."

N_SMALL=${N_SMALL:-10000}
N_LARGE=${N_LARGE:-100000}
RUNS=${RUNS:-3}
WORK=${WORK:-$(mktemp -d /tmp/zhizao-bench.XXXXXX)}

cargo build --release --quiet
BIN=target/release/zhizao

# Samples are deterministic per (seed, index): the small set is the first N_SMALL of the large one.
[ -d "$WORK/large" ] || "$BIN" sample --count "$N_LARGE" --seed 2016 --out "$WORK/large" >/dev/null
[ -d "$WORK/small" ] || "$BIN" sample --count "$N_SMALL" --seed 2016 --out "$WORK/small" >/dev/null

# Warm the page cache before every run so every variant reads from memory
# alike (on a VM whose kernel reclaims cold pages, a cache warmed once at
# the start does not last through the runs).
warm() { find "$WORK/large" -name "*.yaml" -exec cat {} + > /dev/null; }

# measure CMD... → "best-seconds max-RSS-KB" (uses warm() above).
. scripts/bench-lib.sh

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(rustc --version)"
echo "files: large=$N_LARGE small=$N_SMALL runs=$RUNS (best of)"

read -r t_parse m_parse < <(measure "$BIN" screen "$WORK/large" --parse-only --jobs 2)
read -r t_screen2 m_screen2 < <(measure "$BIN" screen "$WORK/large" --allow-rejected --jobs 2)
read -r t_screen1 _ < <(measure "$BIN" screen "$WORK/large" --allow-rejected --jobs 1)
read -r t_small m_small < <(measure "$BIN" screen "$WORK/small" --allow-rejected --jobs 2)
read -r t_xlsx m_xlsx < <(measure "$BIN" screen "$WORK/large" --allow-rejected --jobs 2 -o "$WORK/out.xlsx")

awk -v n="$N_LARGE" -v ns="$N_SMALL" -v ts="$t_small" -v tp="$t_parse" -v t2="$t_screen2" -v t1="$t_screen1" \
    -v ms="$m_small" -v ml="$m_screen2" -v mp="$m_parse" -v tx="$t_xlsx" -v mx="$m_xlsx" 'BEGIN {
  printf "parse-only  --jobs 2: %7.2f s  %8.0f files/s  max RSS %6.1f MB\n", tp, n/tp, mp/1024
  printf "screen      --jobs 2: %7.2f s  %8.0f files/s  max RSS %6.1f MB\n", t2, n/t2, ml/1024
  printf "screen      --jobs 1: %7.2f s  %8.0f files/s\n", t1, n/t1
  printf "screen small --jobs 2: %6.2f s  %8.0f files/s  (%d files)\n", ts, ns/ts, ns
  printf "screen -o .xlsx     : %7.2f s  %8.0f files/s  max RSS %6.1f MB\n", tx, n/tx, mx/1024
  printf "screen / parse-only throughput: %.1f%% (goal >= 85%%)\n", 100*tp/t2
  printf "jobs 2 / jobs 1 speed-up:       %.2fx (goal >= 1.7x)\n", t1/t2
  printf "max RSS large / small:          %.2fx (goal <= 1.3x)\n", ml/ms
}'
echo "work dir: $WORK (delete when done)"

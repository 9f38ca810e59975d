#!/usr/bin/env bash
# Whole-command screening benchmark (issues: bureau screening, 18 performance).
#
# Measures, in one run on this machine:
#   1. the read floor (`zhizao screen --read-floor`: the same walk, capped
#      read and threads as `screen`, nothing else) against `zhizao screen`,
#   2. throughput of `zhizao screen` vs the parse-only baseline
#      (`zhizao screen --parse-only`: read + parse into the questionnaire struct),
#   3. `--jobs 2` vs `--jobs 1`,
#   4. `-o .xlsx` vs `-o .csv`,
#   5. peak memory (max RSS) at N_SMALL vs N_LARGE files,
# and prints each against the goals of issue 18.
# Usage: scripts/bench-screen.sh            (10,000 and 100,000 files)
#        N_SMALL=1000 N_LARGE=10000 scripts/bench-screen.sh   (quick)
#        PROFILE=profiling scripts/bench-screen.sh   (a profile already built:
#        the same code as release, with line tables)
set -euo pipefail
cd "$(dirname "$0")/.."

N_SMALL=${N_SMALL:-10000}
N_LARGE=${N_LARGE:-100000}
RUNS=${RUNS:-3}
WORK=${WORK:-$(mktemp -d /tmp/zhizao-bench.XXXXXX)}

PROFILE=${PROFILE:-release}
TARGET=${CARGO_TARGET_DIR:-target}
cargo build --profile "$PROFILE" --quiet --bin zhizao
BIN=$TARGET/$PROFILE/zhizao


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
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "files: large=$N_LARGE small=$N_SMALL runs=$RUNS (best of)"

read -r t_floor _ < <(measure "$BIN" screen "$WORK/large" --read-floor --jobs 2)
read -r t_parse m_parse < <(measure "$BIN" screen "$WORK/large" --parse-only --jobs 2)
read -r t_screen2 m_screen2 < <(measure "$BIN" screen "$WORK/large" --allow-rejected --jobs 2)
# --jobs 1 against --jobs 2, paired: each round runs both back to back (order
# alternating), so a change of load hits both sides of a pair alike; every
# pair's ratio is kept and the spread printed, not only the best.
secs() { warm; /usr/bin/time -f "%e" -o "$WORK/t" "$@" > /dev/null 2>&1 || true; tail -n1 "$WORK/t"; }
pairs=""
ones=""
for r in $(seq "$RUNS"); do
  if [ $((r % 2)) = 1 ]; then
    a=$(secs "$BIN" screen "$WORK/large" --allow-rejected --jobs 1)
    b=$(secs "$BIN" screen "$WORK/large" --allow-rejected --jobs 2)
  else
    b=$(secs "$BIN" screen "$WORK/large" --allow-rejected --jobs 2)
    a=$(secs "$BIN" screen "$WORK/large" --allow-rejected --jobs 1)
  fi
  echo "pair $r: --jobs 1 $a s, --jobs 2 $b s, speed-up $(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.2f", a/b}')x"
  pairs="$pairs $(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.4f", a/b}')"
  ones="$ones $a"
done
t_screen1=$(echo "$ones" | tr ' ' '\n' | grep . | sort -n | head -n1)
read -r t_small m_small < <(measure "$BIN" screen "$WORK/small" --allow-rejected --jobs 2)
read -r t_csv _ < <(measure "$BIN" screen "$WORK/large" --allow-rejected --jobs 2 -o "$WORK/out.csv")
read -r t_xlsx m_xlsx < <(measure "$BIN" screen "$WORK/large" --allow-rejected --jobs 2 -o "$WORK/out.xlsx")

awk -v n="$N_LARGE" -v ns="$N_SMALL" -v ts="$t_small" -v tp="$t_parse" -v t2="$t_screen2" -v t1="$t_screen1" \
    -v ms="$m_small" -v ml="$m_screen2" -v mp="$m_parse" -v tx="$t_xlsx" -v mx="$m_xlsx" \
    -v tf="$t_floor" -v tc="$t_csv" 'BEGIN {
  printf "read floor  --jobs 2: %7.2f s  %8.0f files/s\n", tf, n/tf
  printf "parse-only  --jobs 2: %7.2f s  %8.0f files/s  max RSS %6.1f MB\n", tp, n/tp, mp/1024
  printf "screen      --jobs 2: %7.2f s  %8.0f files/s  max RSS %6.1f MB\n", t2, n/t2, ml/1024
  printf "screen      --jobs 1: %7.2f s  %8.0f files/s\n", t1, n/t1
  printf "screen small --jobs 2: %6.2f s  %8.0f files/s  (%d files)\n", ts, ns/ts, ns
  printf "screen -o .csv      : %7.2f s  %8.0f files/s\n", tc, n/tc
  printf "screen -o .xlsx     : %7.2f s  %8.0f files/s  max RSS %6.1f MB\n", tx, n/tx, mx/1024
  printf "screen / read floor (time):     %.1fx (goal <= 5x)\n", t2/tf
  printf "screen / parse-only throughput: %.1f%% (goal >= 90%%)\n", 100*tp/t2
  printf "jobs 2 / jobs 1 speed-up:       %.2fx best-of (goal >= 1.8x)\n", t1/t2
  printf "xlsx / csv (time):              %.2fx (goal <= 1.1x)\n", tx/tc
  printf "max RSS large / small:          %.2fx (goal <= 1.3x)\n", ml/ms
}'
echo "$pairs" | tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END {
  printf "jobs 2 / jobs 1, paired:        min %.2fx  median %.2fx  max %.2fx  (%d pairs)\n", v[1], v[int((NR + 1) / 2)], v[NR], NR }'
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "work dir: $WORK (delete when done)"

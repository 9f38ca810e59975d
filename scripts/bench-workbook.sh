#!/usr/bin/env bash
# Workbook intake benchmark (issue 14, performance done-when): screening N
# questionnaires as ONE workbook of rows (the bureau's master table) against
# the same N questionnaires as YAML files. Goal: workbook time <= 2x YAML time.
#
# Usage: scripts/bench-workbook.sh                  (10,000 questionnaires, best of 3)
#        N=1000 RUNS=1 scripts/bench-workbook.sh    (quick)
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-10000}
RUNS=${RUNS:-3}
JOBS=${JOBS:-2}
WORK=${WORK:-$(mktemp -d /tmp/zhizao-wb.XXXXXX)}

cargo build --release --quiet
BIN=target/release/zhizao

# The same questionnaires both ways: sample --format xlsx writes, as rows,
# exactly the files sample --out writes (same seed, same indices).
[ -d "$WORK/yaml" ] || "$BIN" sample --count "$N" --seed 2016 --out "$WORK/yaml" >/dev/null
[ -f "$WORK/rows.xlsx" ] || "$BIN" sample --count "$N" --seed 2016 --format xlsx --out "$WORK/rows.xlsx" >/dev/null

warm() { find "$WORK/yaml" -name "*.yaml" -exec cat {} + > /dev/null; cat "$WORK/rows.xlsx" > /dev/null; }

# measure CMD... → "best-seconds max-RSS-KB" (uses warm() above).
. scripts/bench-lib.sh

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(rustc --version)"
echo "questionnaires: $N  runs: $RUNS (best of)  jobs: $JOBS  workbook: $(du -h "$WORK/rows.xlsx" | cut -f1)"

read -r t_yaml m_yaml < <(measure "$BIN" screen "$WORK/yaml" --jobs "$JOBS")
read -r t_xlsx m_xlsx < <(measure "$BIN" screen "$WORK/rows.xlsx" --jobs "$JOBS")
read -r t_yaml_o _ < <(measure "$BIN" screen "$WORK/yaml" --jobs "$JOBS" -o "$WORK/y-out.xlsx")
read -r t_xlsx_o _ < <(measure "$BIN" screen "$WORK/rows.xlsx" --jobs "$JOBS" -o "$WORK/x-out.xlsx")

awk -v n="$N" -v ty="$t_yaml" -v tx="$t_xlsx" -v my="$m_yaml" -v mx="$m_xlsx" -v tyo="$t_yaml_o" -v txo="$t_xlsx_o" 'BEGIN {
  printf "YAML files       : %7.2f s  %7.0f /s  max RSS %6.1f MB\n", ty, n/ty, my/1024
  printf "one workbook     : %7.2f s  %7.0f /s  max RSS %6.1f MB\n", tx, n/tx, mx/1024
  printf "YAML files  -o .xlsx: %7.2f s\n", tyo
  printf "workbook    -o .xlsx: %7.2f s\n", txo
  printf "workbook / YAML time: %.2fx (goal <= 2x); with -o .xlsx: %.2fx\n", tx/ty, txo/tyo
}'

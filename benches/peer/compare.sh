#!/usr/bin/env bash
# Per-core throughput of `zhizao screen` against the Python/PyYAML peer
# (peer.py) on the same generated questionnaires, one thread each, best of
# RUNS, page cache warmed before every run. Prints files/s and the ratio.
# Usage: benches/peer/compare.sh            (10,000 files)
#        N=2000 RUNS=1 benches/peer/compare.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-10000}
RUNS=${RUNS:-3}
WORK=${WORK:-$(mktemp -d /tmp/zhizao-peer.XXXXXX)}
python3 -c 'import yaml, sys; sys.exit(0 if yaml.__with_libyaml__ else "PyYAML without libyaml: pip install pyyaml")'

cargo build --release --quiet
BIN=target/release/zhizao
[ -d "$WORK/q" ] || "$BIN" sample --count "$N" --seed 2016 --out "$WORK/q" >/dev/null

warm() { find "$WORK/q" -name "*.yaml" -exec cat {} + > /dev/null; }
. scripts/bench-lib.sh
best() { measure "$@" | cut -d' ' -f1; }
t_zhizao=$(best "$BIN" screen "$WORK/q" --allow-rejected --jobs 1 -o "$WORK/z.csv")
t_peer=$(best python3 benches/peer/peer.py "$WORK/q" --jobs 1 -o "$WORK/p.csv")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "python: $(python3 --version 2>&1), PyYAML $(python3 -c 'import yaml; print(yaml.__version__)') (C loader)"
awk -v n="$N" -v tz="$t_zhizao" -v tp="$t_peer" 'BEGIN {
  printf "zhizao screen --jobs 1 -o csv: %6.2f s  %8.0f files/s\n", tz, n/tz
  printf "python peer   --jobs 1 -o csv: %6.2f s  %8.0f files/s\n", tp, n/tp
  printf "zhizao per core: %.1fx the peer\n", tp/tz
}'

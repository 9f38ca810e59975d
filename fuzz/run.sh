#!/usr/bin/env bash
# Run one fuzz target for a while, niced, on the already-built binary.
# Usage: fuzz/run.sh TARGET [SECONDS [LIBFUZZER FLAGS…]]
#        (build first: cd fuzz && cargo fuzz build --sanitizer none)
# The binary is run directly rather than through `cargo fuzz run`, so that edits to src/
# by others during a long run do not trigger a rebuild in the middle of it.
set -euo pipefail
cd "$(dirname "$0")"
T=${1:?target}; SECS=${2:-600}; shift $(( $# < 2 ? $# : 2 ))
BIN=target/x86_64-unknown-linux-gnu/release/$T
mkdir -p "corpus/$T" "artifacts/$T"
DICT=()
[ -f "$T.dict" ] && DICT=(-dict="$T.dict")
exec nice -n 19 "$BIN" -artifact_prefix="artifacts/$T/" -max_total_time="$SECS" \
  -rss_limit_mb=2048 -timeout=10 -max_len=16384 -print_final_stats=1 "${DICT[@]}" "$@" "corpus/$T"

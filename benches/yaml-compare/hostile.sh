#!/bin/sh
# Every parser on every hostile file, each in a process of its own with at
# most 2 GB of memory and 60 s (a parser without an alias budget is stopped
# instead of taking the machine down). From the repository root:
#   sh benches/yaml-compare/hostile.sh [BIN]
bin=${1:-benches/yaml-compare/target/release/yaml-compare}
for f in tests/hostile/*; do
  echo "$(basename "$f")"
  for p in serde_norway yaml_serde serde-saphyr noyalib yaml0; do
    res=$( (ulimit -v 2000000; timeout 60 "$bin" --one "$p" "$f") 2>&1 )
    st=$?
    case $st in
      0) out=$(printf '%s\n' "$res" | head -n 1) ;;
      124) out="STOPPED: still running after 60 s" ;;
      *) out="ABORTED (exit $st): $(printf '%s\n' "$res" | head -n 1)" ;;
    esac
    printf '  %-12s %s\n' "$p" "$out"
  done
done

# Shared by the benchmark scripts (sourced, not run).
#
# measure CMD...: best-of-$RUNS wall time (s) and the largest max RSS (KB)
# of CMD, printed as "SECONDS KB". The sourcing script defines warm(), which
# runs before every run so each variant reads from a warm page cache.
measure() {
  local best="" rss=0 line t m tf
  tf=$(mktemp)
  for _ in $(seq "$RUNS"); do
    warm
    /usr/bin/time -f "%e %M" -o "$tf" "$@" > /dev/null 2>&1 || true
    line=$(tail -n1 "$tf")
    t=${line% *}; m=${line#* }
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    if [ "$m" -gt "$rss" ]; then rss=$m; fi
  done
  rm -f "$tf"
  echo "$best $rss"
}

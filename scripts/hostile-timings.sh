#!/usr/bin/env bash
# Release timings and peak memory of every hostile input (docs/testing.md).
# Runs `zhizao validate` on each file of tests/hostile/ and on the cases that
# tests/it/hostile.rs generates at run time (too big to commit), under
# /usr/bin/time -f "%e %M": wall seconds and max RSS in KB.
# Usage: scripts/hostile-timings.sh    (prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
BIN=$PWD/target/release/zhizao
W=$(mktemp -d /tmp/zhizao-hostile.XXXXXX)
trap 'rm -rf "$W"' EXIT

HEAD=$'schema_version: 1\nenterprise:\n  name: x\n  sector: other\n  data_year: 2017\n'
python3 - "$W" <<'PY'
import sys, os
w = sys.argv[1]
head = "schema_version: 1\nenterprise:\n  name: x\n  sector: other\n  data_year: 2017\n"
with open(f"{w}/gen-50mb.yaml", "w") as f:
    f.write(head)
    line = "# " + "填充 padding " * 8 + "\n"
    n = len(head)
    while n < 50 * 1024 * 1024:
        f.write(line); n += len(line.encode())
open(f"{w}/gen-10mb-one-line.yaml", "w").write("a" * (10 * 1024 * 1024))
name = "鞋" * 330000
open(f"{w}/gen-1mb-one-line-valid.yaml", "w").write(
    "{schema_version: 1, enterprise: {name: \"%s\", sector: other, data_year: 2017}}" % name)
open(f"{w}/gen-1mb-brackets.yaml", "w").write("[" * 1000000)
t = head + "informatization:\n  systems: [plm]\n  integrations:\n"
while len(t) < 1000000:
    t += "    - [erp, mes]\n"
open(f"{w}/gen-1mb-integration-errors.yaml", "w").write(t)
t = head + "projects:\n  demo_lines:\n" + "    - {name: a, investment_wan: -1}\n" * 5000
open(f"{w}/gen-5000-item-errors.yaml", "w").write(t)
PY

echo "| case | exit | wall (s) | max RSS (MB) | first diagnostic |"
echo "|---|---|---|---|---|"
for f in tests/hostile/*.yaml "$W"/gen-*.yaml; do
  [ "$(basename "$f")" = EXPECTED.yaml ] && continue
  set +e
  /usr/bin/time -f "%e %M" -o "$W/time" "$BIN" validate --lang en "$f" > "$W/out" 2> "$W/err"
  code=$?
  set -e
  read -r secs kb < <(tail -1 "$W/time")
  first=$(grep -m1 -oE '(error|warning)\[[a-z_.]+\]' "$W/err" || true)
  [ -z "$first" ] && first="valid"
  printf '| %s | %s | %s | %.1f | %s |\n' "$(basename "$f")" "$code" "$secs" "$(echo "$kb / 1024" | bc -l)" "$first"
done

# Screening a folder with a symlink loop, a dangling link, an unreadable file and a pipe.
B="$W/batch"; mkdir -p "$B/sub"
cp questionnaires/examples/licheng-footwear.yaml "$B/sub/good.yaml"
ln -s "$B" "$B/sub/back"
ln -s "$W/gone.yaml" "$B/disappeared.yaml"
ln -s /proc/self/mem "$B/unreadable.yaml"
mkfifo "$B/pipe.yaml"
set +e
/usr/bin/time -f "%e %M" -o "$W/time" "$BIN" screen "$B" --lang en > "$W/out" 2> "$W/err"
code=$?
set -e
read -r secs kb < <(tail -1 "$W/time")
printf '| %s | %s | %s | %.1f | %s |\n' "screen: loop + dangling + unreadable + pipe" "$code" "$secs" "$(echo "$kb / 1024" | bc -l)" "$(grep -m1 -oE 'files: [0-9]+ · assessed: [0-9]+ · rejected: [0-9]+' "$W/out")"

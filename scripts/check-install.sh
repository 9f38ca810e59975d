#!/usr/bin/env bash
# Check that `cargo install --path .` gives a self-contained binary: install
# into a temporary --root, then run it from an empty folder far from the
# repository (the policy pack, criteria pack and templates must be inside the
# binary, not read from policies/ or criteria/).
#
#   scripts/check-install.sh          (a release build: a few minutes)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(mktemp -d /tmp/zhizao-install.XXXXXX)
work=$(mktemp -d /tmp/zhizao-elsewhere.XXXXXX)
trap 'rm -rf "$root" "$work"' EXIT

cargo install --quiet --locked --path "$here" --root "$root"
bin="$root/bin/zhizao"
cd "$work"

"$bin" --version | grep -q "licheng-2016"
"$bin" init --sector electronics_it --lang en -o f.yaml
sed -i 's/^  name: ""/  name: "Test Co"/; s/^  data_year: 0/  data_year: 2017/' f.yaml
"$bin" validate f.yaml --lang en
"$bin" assess f.yaml --lang en > report.txt
"$bin" assess f.yaml --format json -o report.json
"$bin" policy list --lang en > /dev/null
"$bin" schema questionnaire -o questionnaire.schema.json
"$bin" completions bash | grep -q zhizao
"$bin" man | grep -q '^.TH'
"$bin" screen . -o screening.xlsx --lang en > /dev/null
echo "ok: $bin works from $work"

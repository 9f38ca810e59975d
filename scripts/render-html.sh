#!/usr/bin/env bash
# Render the HTML report of one questionnaire to a PNG with headless Chromium,
# so anyone can look at it without a browser session.
#
#   scripts/render-html.sh EXAMPLE.yaml OUT.png [zh|en] [WIDTH]
#
# The whole page is captured; HEIGHT=1300 captures only the top (summary and
# charts). ZHIZAO=path/to/zhizao skips the cargo build.
#
# Needs the Debian package `chromium` (apt-get install -y chromium) and, for
# Chinese text, a CJK font such as fonts-noto-cjk. The report itself loads
# nothing from the network; the flags below keep Chromium offline too.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 QUESTIONNAIRE.yaml OUT.png [zh|en] [WIDTH]" >&2
  exit 2
fi
input=$1
out=$2
lang=${3:-zh}
width=${4:-1100}

here=$(cd "$(dirname "$0")/.." && pwd)
zhizao=${ZHIZAO:-}
if [[ -z $zhizao ]]; then
  cargo build --quiet --manifest-path "$here/Cargo.toml"
  zhizao="$here/target/debug/zhizao"
fi
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z $chrome ]]; then
  echo "chromium not found: apt-get install -y chromium fonts-noto-cjk" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
html="$tmp/report.html"
"$zhizao" assess "$input" --format html --lang "$lang" -o "$html"

# Chromium's --screenshot captures the window, so first measure the page at
# this width (a copy of the report with one line of script that writes the
# height into the DOM; the report itself has no script), then shoot a window
# exactly that tall.
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
  --disable-component-update --disable-sync --no-first-run
  --hide-scrollbars --force-device-scale-factor=1 --user-data-dir="$tmp/profile")
sed 's#</body>#<script>document.body.setAttribute("data-h", String(document.documentElement.scrollHeight))</script></body>#' \
  "$html" >"$tmp/measure.html"
height=${HEIGHT:-}
if [[ -z $height ]]; then
  height=$("$chrome" "${flags[@]}" --window-size="$width,1000" --dump-dom "file://$tmp/measure.html" 2>/dev/null |
    grep -o 'data-h="[0-9]*"' | grep -o '[0-9][0-9]*' || true)
  height=${height:-6000}
fi
"$chrome" "${flags[@]}" --window-size="$width,$height" --screenshot="$out" "file://$html" 2>/dev/null
echo "wrote $out (${width}x${height})"

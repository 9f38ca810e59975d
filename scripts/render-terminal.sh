#!/usr/bin/env bash
# Show a zhizao command's terminal output as a reader sees it, as a PNG: the
# command runs in a tmux window COLS columns wide (a real terminal, so the
# width is the terminal's), the screen is captured, and each character is
# drawn in its cell (one column, two for CJK) by headless Chromium.
#
#   scripts/render-terminal.sh OUT.png COLS ROWS zhizao assess questionnaires/examples/licheng-footwear.yaml
#
# ROWS is how many lines of the output the image shows. CAPTION=TEXT shows
# TEXT as the first line instead of the command. Needs tmux,
# chromium, python3 and fonts-noto-cjk. ZHIZAO=path/to/zhizao runs that
# binary for the word `zhizao` (default: target/debug/zhizao, built first).
set -euo pipefail
if [[ $# -lt 4 ]]; then
  echo "usage: $0 OUT.png COLS ROWS zhizao ARGS..." >&2
  exit 2
fi
out=$1 cols=$2 rows=$3
shift 3
shift # the word zhizao
here=$(cd "$(dirname "$0")/.." && pwd)
zhizao=${ZHIZAO:-}
if [[ -z $zhizao ]]; then
  cargo build --quiet --manifest-path "$here/Cargo.toml"
  zhizao="$here/target/debug/zhizao"
fi
work=$(mktemp -d)
session="zhizao-render-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
printf '%q ' "$zhizao" "$@" > "$work/cmd"
tmux new-session -d -s "$session" -x "$cols" -y 50 \
  "cd '$here' && NO_COLOR=1 $(cat "$work/cmd") > /dev/tty; sleep 20"
sleep 2
tmux capture-pane -t "$session" -p -S - > "$work/screen.txt"
python3 - "$work/screen.txt" "$work/screen.html" "$rows" "${CAPTION:-\$ zhizao $*}" <<'PY'
import html, sys, unicodedata
src, dst, rows, cmd = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
lines = [cmd] + open(src, encoding="utf-8").read().rstrip("\n").split("\n")[:rows]
cell = 8.4
def row(line):
    out = []
    for c in line:
        w = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        out.append('<i style="width:%.1fpx">%s</i>' % (cell * w, html.escape(c) if c != " " else "&nbsp;"))
    return "<div>" + "".join(out) + "&nbsp;</div>"
doc = ('<!DOCTYPE html><meta charset="utf-8"><style>body{margin:0;background:#1e1e1e}'
       '#t{padding:10px;color:#ddd;font:13.5px/17px "DejaVu Sans Mono","Noto Sans Mono CJK SC",monospace}'
       'i{display:inline-block;font-style:normal;text-align:center}</style><div id="t">'
       + "\n".join(row(l) for l in lines) + "</div>")
open(dst, "w", encoding="utf-8").write(doc)
PY
width=$(python3 -c "print(int($cols * 8.4 + 22))")
height=$(( (rows + 1) * 17 + 24 ))
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --no-first-run --hide-scrollbars \
  --screenshot="$out" --window-size="$width,$height" "file://$work/screen.html" 2>/dev/null
echo "$out"

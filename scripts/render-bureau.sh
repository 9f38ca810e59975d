#!/usr/bin/env bash
# Render the bureau's workbooks with LibreOffice, as a bureau officer would
# see them printed, into docs/img/bureau-*.png (issue 14).
#   1. the template filled with the six examples as rows (the master table),
#   2. the screening workbook of 300 sample enterprises (summary, dashboard),
#   3. the screening workbook of the six examples (enterprise table).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/debug/zhizao}
W=$(mktemp -d /tmp/zhizao-render.XXXXXX)
IMG=docs/img

"$BIN" convert questionnaires/examples/*.yaml -o "$W/汇总表.xlsx" 2>/dev/null
"$BIN" sample --count 300 --seed 7 --format xlsx --out "$W/300.xlsx" >/dev/null
"$BIN" screen "$W/300.xlsx" -o "$W/筛选结果300.xlsx" >/dev/null 2>&1
"$BIN" screen questionnaires/examples -o "$W/筛选结果.xlsx" >/dev/null 2>&1
(cd "$W" && for f in 汇总表 筛选结果300 筛选结果; do soffice --headless --convert-to pdf "$f.xlsx" >/dev/null 2>&1; done)

pdftoppm -r 110 -f 1 -l 1 -png "$W/汇总表.pdf" "$W/inst"
pdftoppm -r 110 -f 2 -l 2 -png "$W/汇总表.pdf" "$W/form"
convert "$W"/inst-*.png -crop 1000x330+0+40 +repage "$IMG/bureau-template-instructions.png"
convert "$W"/form-*.png -crop 1286x520+0+60 +repage "$IMG/bureau-master-table.png"
pdftoppm -r 110 -f 1 -l 1 -png "$W/筛选结果300.pdf" "$W/sum"
pdftoppm -r 110 -f 3 -l 3 -png "$W/筛选结果300.pdf" "$W/dash"
convert "$W"/sum-*.png -crop 1286x520+0+30 +repage "$IMG/bureau-results-summary.png"
convert "$W"/dash-*.png -crop 1286x880+0+30 +repage "$IMG/bureau-dashboard.png"
# The first page of the near-miss sheet (its print header names it).
n=$(pdfinfo "$W/筛选结果300.pdf" | awk '/^Pages/{print $2}')
for i in $(seq 1 "$n"); do
  if [ "$(pdftotext -f "$i" -l "$i" "$W/筛选结果300.pdf" - | grep -c "接近认定标准的企业")" -gt 0 ]; then
    pdftoppm -r 110 -f "$i" -l "$i" -png "$W/筛选结果300.pdf" "$W/near"; break
  fi
done
convert "$W"/near-*.png -crop 1286x520+0+30 +repage "$IMG/bureau-near-misses.png"
pdftoppm -r 150 -f 3 -l 3 -png "$W/筛选结果.pdf" "$W/ent"
convert "$W"/ent-*.png -crop 1754x300+0+40 +repage "$IMG/bureau-results-enterprises.png"
ls -l "$IMG"/bureau-*.png

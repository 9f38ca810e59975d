#!/usr/bin/env bash
# Render page(s) of a zhizao report as a reader sees them printed, to PNG:
#
#   scripts/render-print.sh REPORT.html OUT.png [PAGE]   # A4 print from Chromium
#   scripts/render-print.sh REPORT.docx OUT.png [PAGE]   # Word document via LibreOffice
#
# HTML: headless Chromium prints to PDF (A4, without the browser's own
# header and footer: --no-pdf-header-footer), pdftoppm draws the page.
# DOCX: LibreOffice converts to PDF (soffice --headless --convert-to pdf),
# pdftoppm draws the page. PAGE defaults to 1; DPI=80 by default.
#
# The PDF is kept next to OUT.png (OUT.pdf): for HTML that is also the
# one-command route to a PDF of the report.
#
# Needs chromium (HTML), libreoffice (DOCX), poppler-utils (pdftoppm) and a
# CJK font such as fonts-noto-cjk. Nothing is fetched from the network.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 REPORT.html|REPORT.docx OUT.png [PAGE]" >&2
  exit 2
fi
input=$1
out=$2
page=${3:-1}
dpi=${DPI:-80}
pdf="${out%.png}.pdf"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "$input" in
  *.html|*.htm)
    chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
    [[ -n $chrome ]] || { echo "$0: chromium not found" >&2; exit 2; }
    "$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking \
      --disable-component-update --no-first-run --no-pdf-header-footer \
      --print-to-pdf="$work/out.pdf" "file://$(realpath "$input")" 2>/dev/null
    ;;
  *.docx)
    command -v soffice >/dev/null || { echo "$0: soffice (LibreOffice) not found" >&2; exit 2; }
    cp "$input" "$work/out.docx"
    (cd "$work" && soffice --headless --convert-to pdf out.docx >/dev/null 2>&1)
    ;;
  *)
    echo "$0: $input: expected .html or .docx" >&2
    exit 2
    ;;
esac
cp "$work/out.pdf" "$pdf"
pdftoppm -r "$dpi" -f "$page" -l "$page" -png -singlefile "$pdf" "${out%.png}"
echo "$out ($(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}') pages in $pdf)"

#!/bin/sh
# The HTML report in a real browser (headless Chromium through playwright-core), and the PDF that
# `report --format pdf` prints with the same Chromium (checked with poppler-utils' pdfinfo, pdftotext
# and pdftoppm). Skips (77) on a developer machine without Chromium, Node or poppler-utils; under CI
# it must run. The screenshots and the PDF's first page are kept in the build directory.
set -u
exe=$1
src=$2
build=$3
. "$src/tests/browser/setup.sh"
browser_setup "$build"
for tool in pdfinfo pdftotext pdftoppm python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$tool missing (poppler-utils)"
        [ -n "${CI:-}" ] && exit 1
        exit 77
    fi
done
cp "$src/tests/browser/check_report.mjs" "$modules/check_report.mjs"
status=0
data="$src/examples/data"
for lang in en fr; do
    html="$build/report-$lang.html"
    "$exe" report "$data/environment-agency.yaml" --format html --lang "$lang" -o "$html" 2>/dev/null || exit 1
    CHROMIUM="$chromium" node "$modules/check_report.mjs" "$html" "$build/report-$lang.png" "$lang" || status=1
done
# The report with the change since the year before: its three extra charts, each with a table.
html="$build/report-since-en.html"
"$exe" report "$data/environment-agency-2026.yaml" --since "$data/environment-agency.yaml" --format html -o "$html" \
    2>/dev/null || exit 1
CHROMIUM="$chromium" node "$modules/check_report.mjs" "$html" "$build/report-since-en.png" en || status=1

# ---- PDF ----
n=0
check() { # check OK DESCRIPTION
    n=$((n + 1))
    if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; status=1; fi
}
for lang in en fr; do
    pdf="$build/report-since-$lang.pdf"
    rm -f "$pdf"
    "$exe" report "$data/environment-agency-2026.yaml" --since "$data/environment-agency.yaml" --format pdf \
        --lang "$lang" -o "$pdf" 2>"$build/report-since-$lang.pdf.err"
    check $? "report --format pdf --lang $lang exits 0"
    info=$(pdfinfo "$pdf" 2>&1)
    check $? "$lang: pdfinfo reads the PDF"
    pages=$(printf '%s\n' "$info" | sed -n 's/^Pages: *//p')
    [ "${pages:-0}" -gt 1 ] 2>/dev/null
    check $? "$lang: more than one page ($pages)"
    printf '%s\n' "$info" | grep -q '^Page size:.*(A4)'
    check $? "$lang: A4 pages"
    # Page numbers come from the page's @page margin boxes (Chromium's own footer is off).
    pdftotext -f 1 -l 1 "$pdf" - 2>/dev/null | grep -qx "1 / $pages"
    check $? "$lang: the first page says 1 / $pages"
    pdftotext -f "$pages" -l "$pages" "$pdf" - 2>/dev/null | grep -qx "$pages / $pages"
    check $? "$lang: the last page says $pages / $pages"
    # The first page as an image: kept, and not blank (dark pixels of the title, text and diamond).
    pdftoppm -png -r 50 -f 1 -l 1 -singlefile "$pdf" "$build/report-since-$lang-page1" 2>/dev/null
    check $? "$lang: first page kept as report-since-$lang-page1.png"
    pdftoppm -gray -r 50 -f 1 -l 1 -singlefile "$pdf" "$build/report-since-$lang-page1" 2>/dev/null
    dark=$(python3 - "$build/report-since-$lang-page1.pgm" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
# Binary PGM: "P5", width, height, maximum, then one byte per pixel (comments are not written by pdftoppm).
fields, at = [], 0
while len(fields) < 4:
    while data[at:at + 1].isspace():
        at += 1
    end = at
    while not data[end:end + 1].isspace():
        end += 1
    fields.append(data[at:end])
    at = end
at += 1
assert fields[0] == b'P5', fields[0]
width, height = int(fields[1]), int(fields[2])
pixels = data[at:at + width * height]
assert len(pixels) == width * height
print(sum(1 for p in pixels if p < 128))
PY
)
    [ "${dark:-0}" -gt 2000 ] 2>/dev/null
    check $? "$lang: the first page is not blank ($dark dark pixels)"
    rm -f "$build/report-since-$lang-page1.pgm"
done
# Streamed: -o - writes the same kind of file to standard output.
"$exe" report "$data/minimal.yaml" --format pdf -o - 2>/dev/null | head -c 5 | grep -q '^%PDF-'
check $? "-o - streams the PDF"
echo "1..$n"
exit $status

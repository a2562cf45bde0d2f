#!/bin/sh
# The HTML report in a real browser (headless Chromium through playwright-core).
# Skips (77) on a developer machine without Chromium or Node; under CI it must run.
set -u
exe=$1
src=$2
build=$3
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ] || ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "chromium or node missing"
    [ -n "${CI:-}" ] && exit 1
    exit 77
fi
modules="$build/browser"
if [ ! -d "$modules/node_modules/playwright-core" ]; then
    mkdir -p "$modules"
    npm install --prefix "$modules" --no-save --no-audit --no-fund playwright-core@1.49 >/dev/null 2>&1 ||
        { echo "npm could not install playwright-core"; [ -n "${CI:-}" ] && exit 1; exit 77; }
fi
cp "$src/tests/browser/check_report.mjs" "$modules/check_report.mjs"
status=0
for lang in en fr; do
    html="$build/report-$lang.html"
    "$exe" report "$src/examples/data/environment-agency.yaml" --format html --lang "$lang" -o "$html" 2>/dev/null || exit 1
    CHROMIUM="$chromium" node "$modules/check_report.mjs" "$html" "$build/report-$lang.png" "$lang" || status=1
done
exit $status

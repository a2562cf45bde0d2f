#!/bin/sh
# The HTML report in a real browser (headless Chromium through playwright-core).
# Skips (77) on a developer machine without Chromium or Node; under CI it must run.
set -u
exe=$1
src=$2
build=$3
. "$src/tests/browser/setup.sh"
browser_setup "$build"
cp "$src/tests/browser/check_report.mjs" "$modules/check_report.mjs"
status=0
for lang in en fr; do
    html="$build/report-$lang.html"
    "$exe" report "$src/examples/data/environment-agency.yaml" --format html --lang "$lang" -o "$html" 2>/dev/null || exit 1
    CHROMIUM="$chromium" node "$modules/check_report.mjs" "$html" "$build/report-$lang.png" "$lang" || status=1
done
exit $status

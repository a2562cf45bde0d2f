#!/bin/sh
# The questionnaire form in a real browser (headless Chromium through playwright-core): see
# tests/browser/check_form.mjs. Skips (77) on a developer machine without Chromium or Node; under CI it must run.
set -u
exe=$1
answers=$2
src=$3
build=$4
. "$src/tests/browser/setup.sh"
browser_setup "$build"
cp "$src/tests/browser/check_form.mjs" "$modules/check_form.mjs"
out="$build/form-check"
rm -rf "$out"
mkdir -p "$out"
for lang in en fr; do
    "$exe" form --lang "$lang" -o "$out/form-$lang.html" 2>/dev/null || exit 1
    "$exe" form "$src/examples/data/instruments/team-pulse.yaml" --lang "$lang" -o "$out/form-team-pulse-$lang.html" \
        2>/dev/null || exit 1
done
"$exe" form "$src/tests/data/answers/odd-instrument.yaml" -o "$out/form-odd.html" 2>/dev/null || exit 1
CHROMIUM="$chromium" PORTFOLIO="$exe" FORM_ANSWERS="$answers" SRC="$src" OUT="$out" SHOTS="$build" \
    node "$modules/check_form.mjs"

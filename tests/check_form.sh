#!/bin/sh
# The questionnaire form in a real browser (headless Chromium through playwright-core): see
# tests/browser/check_form.mjs. Skips (77) on a developer machine without Chromium or Node; under CI it must run.
set -u
exe=$1
answers=$2
src=$3
build=$4
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

#!/bin/sh
# The C example builds a portfolio through the API; its output must validate and match the golden file.
set -eu
exe=$1
src=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$exe" "$out/built.yaml"
cmp "$out/built.yaml" "$src/tests/data/golden/build_portfolio.yaml"

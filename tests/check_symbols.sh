#!/bin/sh
# The shared library exports pf_ functions and nothing else.
set -eu
lib=$1
symbols=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }' | sed 's/@.*//' | sort -u)
[ -n "$symbols" ] || { echo "no exported symbols found in $lib"; exit 1; }
stray=$(printf '%s\n' "$symbols" | grep -v '^pf_' | grep -v '^LIBPORTFOLIO_' || true)
if [ -n "$stray" ]; then
    echo "symbols exported without the pf_ prefix:"
    printf '%s\n' "$stray"
    exit 1
fi
internal=$(printf '%s\n' "$symbols" | grep '^pf__' || true)
if [ -n "$internal" ]; then
    echo "internal pf__ helpers exported:"
    printf '%s\n' "$internal"
    exit 1
fi
echo "$(printf '%s\n' "$symbols" | wc -l) symbols, all pf_"

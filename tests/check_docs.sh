#!/bin/sh
# Every public declaration has a Doxygen comment: doxygen fails on any warning.
set -eu
src=$1
build=$2
cd "$src"
{ cat docs/Doxyfile; echo "OUTPUT_DIRECTORY = $build/doc"; echo "INPUT = include/portfolio $build/include/portfolio/version.h"; } | doxygen -
echo "API reference in $build/doc/html"

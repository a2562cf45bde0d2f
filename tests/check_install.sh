#!/bin/sh
# Installs into a scratch root, then builds and runs a program against the
# installed headers and library found only through pkg-config.
set -eu
build=$1
src=$2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
meson install -C "$build" --no-rebuild --destdir "$root" --quiet >/dev/null
pc=$(find "$root" -name libportfolio.pc | head -n 1)
[ -n "$pc" ] || { echo "libportfolio.pc was not installed"; exit 1; }
prefix=$(sed -n 's/^prefix=//p' "$pc")
pcdir=$(dirname "$pc")
for h in portfolio.h common.h enums.h model.h document.h instrument.h version.h; do
    [ -f "$root$prefix/include/portfolio/$h" ] || { echo "header $h not installed"; exit 1; }
done
[ -n "$(find "$root" -path '*/libportfolio/instruments/opsi-pet-2020.yaml')" ] || {
    echo "the default instrument's file was not installed"; exit 1; }
[ "$(find "$root" -path '*/libportfolio/schema/*.schema.json' | wc -l)" -eq "$(ls "$src"/docs/schema/*.schema.json | wc -l)" ] || {
    echo "the JSON Schemas (docs/schema) were not all installed"; exit 1; }
cat > "$root/use.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <portfolio/portfolio.h>
int main(int argc, char **argv)
{
    pf_doc *doc = NULL;
    pf_error err;
    if (argc < 2 || pf_doc_read_file(&doc, argv[1], NULL, NULL, &err) != PF_OK)
        return 1;
    printf("%s %zu %s\n", pf_version(), pf_doc_project_count(doc), PF_VERSION_STRING);
    pf_doc_free(doc);
    return strcmp(pf_version(), PF_VERSION_STRING) != 0;
}
C
flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --define-variable=prefix="$root$prefix" --cflags --libs libportfolio)
cc -std=c11 -Wall -Werror -o "$root/use" "$root/use.c" $flags
libdir=$(PKG_CONFIG_PATH="$pcdir" pkg-config --define-variable=prefix="$root$prefix" --variable=libdir libportfolio)
out=$(LD_LIBRARY_PATH="$libdir" "$root/use" "$src/examples/data/minimal.yaml")
echo "$out"
case "$out" in
    *" 3 "*) ;;
    *) echo "unexpected output: $out"; exit 1 ;;
esac
# The static library links through pkg-config --static as well.
cc -std=c11 -o "$root/use-static" "$root/use.c" \
   $(PKG_CONFIG_PATH="$pcdir" pkg-config --define-variable=prefix="$root$prefix" --cflags libportfolio) \
   "$libdir/libportfolio.a" $(pkg-config --libs yaml-0.1) -lpthread
"$root/use-static" "$src/examples/data/minimal.yaml" >/dev/null

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
# A manual page for the command and one for every command of its table (tools/man.py).
"$build/tools/portfolio" --help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' | while read -r cmd; do
    [ -f "$root$prefix/share/man/man1/portfolio-$cmd.1" ] || { echo "the manual page portfolio-$cmd.1 was not installed"; exit 1; }
done
[ -f "$root$prefix/share/man/man1/portfolio.1" ] || { echo "the manual page portfolio.1 was not installed"; exit 1; }
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

# A custom prefix (docs/install.md): a build configured with --prefix installs a CLI that runs
# without LD_LIBRARY_PATH (it links the static library, so the tree may also be moved), and
# pkg-config finds the library through PKG_CONFIG_PATH=<prefix>/<libdir>/pkgconfig, where libdir
# is multiarch on Debian (lib/x86_64-linux-gnu).
custom=$root/custom
meson setup "$root/build-custom" "$src" --prefix="$custom" -Dtests=disabled -Dpython=disabled \
    >"$root/setup.log" 2>&1 || { cat "$root/setup.log"; exit 1; }
ninja -C "$root/build-custom" >"$root/build.log" 2>&1 || { cat "$root/build.log"; exit 1; }
meson install -C "$root/build-custom" --no-rebuild --quiet >/dev/null
custom_libdir=$(meson introspect --buildoptions "$root/build-custom" |
    python3 -c 'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "libdir"))')
unset LD_LIBRARY_PATH
cli=$custom/bin/portfolio
! ldd "$cli" | grep libportfolio || { echo "the installed CLI needs a shared libportfolio"; exit 1; }
version=$("$cli" --version)
case "$version" in
    *"$(sed -n 's/^ *version: .\([0-9.]*\).,$/\1/p' "$src/meson.build")"*) ;;
    *) echo "unexpected version: $version"; exit 1 ;;
esac
"$cli" validate "$src/examples/data/minimal.yaml" >/dev/null
export PKG_CONFIG_PATH="$custom/$custom_libdir/pkgconfig"
cc -std=c11 -Wall -Werror -o "$root/use-custom" "$root/use.c" $(pkg-config --cflags --libs libportfolio) \
   -Wl,-rpath,"$(pkg-config --variable=libdir libportfolio)"
"$root/use-custom" "$src/examples/data/minimal.yaml" >/dev/null
# Moved elsewhere, the installed CLI still runs.
mv "$custom" "$root/moved"
"$root/moved/bin/portfolio" validate "$src/examples/data/minimal.yaml" >/dev/null
echo "custom prefix: $version; PKG_CONFIG_PATH=<prefix>/$custom_libdir/pkgconfig"

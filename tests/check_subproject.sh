#!/bin/sh
# A parent meson project uses libportfolio as a subproject through the .wrap documented in
# docs/install.md (here a local directory: subprojects/libportfolio links to this source tree).
# For each default_library kind: only the library is built into the parent (no CLI, tests,
# benchmarks, fuzzers or Python module), a program using dependency('libportfolio') reads a
# document, and `meson install` of the parent installs exactly what docs/install.md says:
# a shared library with its headers and libportfolio.pc, and nothing of a static one.
set -eu
src=$(cd "$1" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
parent=$scratch/parent
mkdir -p "$parent/subprojects"
ln -s "$src" "$parent/subprojects/libportfolio"
# The wrap from docs/install.md, with a local directory in place of the download.
cat > "$parent/subprojects/libportfolio.wrap" <<'WRAP'
[wrap-file]
directory = libportfolio

[provide]
dependency_names = libportfolio
WRAP
cat > "$parent/meson.build" <<'MESON'
project('parent', 'c', version: '1.0', default_options: ['c_std=c11'])
executable('count', 'count.c', dependencies: dependency('libportfolio'), install: true)
MESON
cat > "$parent/count.c" <<'C'
#include <stdio.h>
#include <portfolio/portfolio.h>
int main(int argc, char **argv)
{
    pf_doc *doc = NULL;
    pf_error err;
    if (argc < 2 || pf_doc_read_file(&doc, argv[1], NULL, NULL, &err) != PF_OK) {
        fprintf(stderr, "cannot read the document\n");
        return 1;
    }
    printf("%zu projects\n", pf_doc_project_count(doc));
    pf_doc_free(doc);
    return 0;
}
C

fail() { echo "$*" >&2; exit 1; }

for kind in shared static; do
    build=$scratch/build-$kind
    # forcefallback: a libportfolio installed on the system must not stand in for the subproject.
    # werror: the library compiles without a warning in either kind, as CI asks of it.
    meson setup "$build" "$parent" --prefix=/opt/parent --libdir=lib --default-library=$kind -Dwerror=true \
        --force-fallback-for=libportfolio >"$scratch/setup.log" 2>&1 ||
        { cat "$scratch/setup.log" >&2; fail "$kind: meson setup of the parent failed"; }
    ninja -C "$build" >"$scratch/build.log" 2>&1 ||
        { cat "$scratch/build.log" >&2; fail "$kind: the parent does not build"; }

    # Every target the parent builds: its program, the library and the library's embedded files.
    targets=$(meson introspect --targets "$build" | python3 -c '
import json, sys
print(" ".join(sorted(t["name"] for t in json.load(sys.stdin))))')
    expected="count default-explanations default-instrument default-rules form-css form-js portfolio"
    [ "$targets" = "$expected" ] || fail "$kind: the parent builds [$targets], expected [$expected]"
    [ -z "$(find "$build" -type f \( -name portfolio -o -name 'test_*' -o -name '_capi*' \) )" ] ||
        fail "$kind: a CLI, test or Python module was built into the parent"

    out=$("$build/count" "$src/examples/data/minimal.yaml")
    [ "$out" = "3 projects" ] || fail "$kind: unexpected output: $out"

    root=$scratch/root-$kind
    meson install -C "$build" --no-rebuild --destdir "$root" --quiet >/dev/null
    installed=$(cd "$root/opt/parent" && find . \( -type f -o -type l \) | sort | tr '\n' ' ')
    if [ "$kind" = shared ]; then
        expected="./bin/count"
        for h in $(cd "$src/include/portfolio" && ls ./*.h) version.h; do
            expected="$expected ./include/portfolio/${h#./}"
        done
        expected=$(printf '%s\n' $expected ./lib/libportfolio.so ./lib/libportfolio.so.0 \
            ./lib/libportfolio.so.0.1.0 ./lib/pkgconfig/libportfolio.pc | sort | tr '\n' ' ')
    else
        expected="./bin/count "
    fi
    [ "$installed" = "$expected" ] ||
        fail "$kind: the parent installs [$installed], expected [$expected]"
    echo "$kind: $out; installs $(echo "$installed" | wc -w) files"
done

#!/bin/sh
# Builds the Python wheel offline with meson-python, installs it into a fresh venv with
# pip --no-index, runs the wheel's `portfolio` command from the venv (compared with the build's)
# and the Python tests there against the installed package.
#
#   check_wheel.sh PYTHON SOURCE_ROOT PORTFOLIO_CLI
#
# Exits 77 (skipped) when pip, venv or meson-python is missing, unless CI is set.
set -eu
python=$1 src=$2 cli=$3

skip() {
    if [ -n "${CI:-}" ]; then
        echo "check_wheel: $1 (required under CI)" >&2
        exit 1
    fi
    echo "check_wheel: skipped: $1"
    exit 77
}
"$python" -m pip --version >/dev/null 2>&1 || skip "pip is not installed for $python (apt-get install python3-pip)"
"$python" -c 'import venv, ensurepip' >/dev/null 2>&1 || skip "venv is not available (apt-get install python3-venv)"
"$python" -c 'import mesonpy' >/dev/null 2>&1 || skip "meson-python is not installed (apt-get install python3-mesonpy)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== pip wheel $src"
# A copy of the sources, so the build leaves nothing in the tree (and ignores any build dirs).
mkdir "$work/src"
(cd "$src" && tar -cf - --exclude='./build*' --exclude='./.git' --exclude='./.mesonpy*' --exclude='__pycache__' .) |
    (cd "$work/src" && tar -xf -)
"$python" -m pip wheel --no-build-isolation --no-deps --no-index -q -w "$work/wheel" "$work/src"
ls "$work/wheel"

echo "== venv"
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --no-index "$work"/wheel/*.whl

echo "== tests against the installed package"
cd "$work"
unset PYTHONPATH
"$work/venv/bin/python" -c '
import sys, portfolio
assert portfolio.__file__.startswith(sys.prefix), portfolio.__file__
print("portfolio", portfolio.__version__, "from", portfolio.__file__)
'
status=0

echo "== the portfolio command of the wheel"
# Run as a user would, from the venv's bin, with no help finding the library.
venv_cli="$work/venv/bin/portfolio"
version=$(env -u LD_LIBRARY_PATH "$venv_cli" --version) || { echo "check_wheel: $venv_cli --version failed" >&2; exit 1; }
expected=$("$cli" --version)
[ "$version" = "$expected" ] || { echo "check_wheel: '$version' != '$expected'" >&2; exit 1; }
echo "$version"
for args in "score $src/examples/data/minimal.yaml --format json" "map $src/examples/data/environment-agency.yaml"; do
    # shellcheck disable=SC2086 # the arguments are words
    env -u LD_LIBRARY_PATH "$venv_cli" $args >"$work/venv.out" || { echo "check_wheel: portfolio $args failed" >&2; exit 1; }
    # shellcheck disable=SC2086
    "$cli" $args >"$work/build.out"
    cmp "$work/venv.out" "$work/build.out" || { echo "check_wheel: portfolio $args differs from the build's" >&2; exit 1; }
    echo "portfolio $args: $(wc -c <"$work/venv.out") bytes, as the build's command"
done

for t in test_parity test_errors test_document test_examples test_answers test_pythonic test_types; do
    SOURCE_ROOT="$src" PORTFOLIO_CLI="$cli" "$work/venv/bin/python" "$src/tests/python/$t.py" >"$work/$t.log" 2>&1 || {
        status=1
        cat "$work/$t.log"
    }
    tail -n 3 "$work/$t.log" | grep -E '^(Ran|OK|FAILED)' | tr '\n' ' '
    echo "($t)"
done
exit $status

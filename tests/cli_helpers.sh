# Shared by the command-line test scripts (test_cli.sh, test_confine.sh), sourced once $exe and
# $src are set: a scratch folder, TAP counters, PF_WRAPPER, and the check and same helpers.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
n=0

# PF_WRAPPER runs every invocation under a tool, e.g. valgrind (./dev.sh test does).
# The tool is named by its absolute path, so tests that change PATH (no Chromium) still find it.
if [ -n "${PF_WRAPPER:-}" ]; then
    wrapper_tool=${PF_WRAPPER%% *}
    wrapper_path=$(command -v "$wrapper_tool" || echo "$wrapper_tool")
    printf '#!/bin/sh\nexec %s%s "%s" "$@"\n' "$wrapper_path" "${PF_WRAPPER#"$wrapper_tool"}" "$exe" > "$tmp/portfolio"
    chmod +x "$tmp/portfolio"
    exe=$tmp/portfolio
fi

# check NAME EXPECTED_STATUS COMMAND... ; stdout and stderr land in $tmp/out and $tmp/err
check() {
    name=$1 want=$2
    shift 2
    n=$((n + 1))
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "not ok $n - $name: exit $got, expected $want"; sed 's/^/# /' "$tmp/err"; failures=$((failures + 1))
        return 1
    fi
    echo "ok $n - $name"
}

# same NAME FILE EXPECTED_TEXT
same() {
    n=$((n + 1))
    if { [ -z "$3" ] && [ ! -s "$2" ]; } || { [ -n "$3" ] && printf '%s\n' "$3" | cmp -s - "$2"; }; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1"; printf 'expected:\n%s\nactual:\n' "$3" | sed 's/^/# /'; sed 's/^/# /' "$2"
        failures=$((failures + 1))
    fi
}

#!/bin/sh
# libportfolio developer entry point; the README's quick start.
#
#   ./dev.sh demo   install what is needed, build, report on a bundled example portfolio and write its HTML report
#                   and the questionnaire form
#   ./dev.sh test   install what is needed, build with warnings as errors, run every test,
#                   then again under AddressSanitizer + UndefinedBehaviorSanitizer and valgrind
#
# Works on a fresh Debian 12 machine as root (or with sudo); idempotent.
set -eu
cd "$(dirname "$0")"

packages="meson ninja-build pkg-config gcc libc6-dev libyaml-dev libcsv-dev libcmocka-dev valgrind doxygen python3 python3-jsonschema python3-yaml locales swig python3-dev python3-mesonpy python3-pip python3-venv mypy poppler-utils groff-base"

install_dependencies() { # EXTRA-PACKAGES...
    missing=""
    for p in $packages "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        sudo=""
    elif command -v sudo >/dev/null 2>&1; then
        sudo="sudo"
    else
        echo "dev.sh: please install:$missing" >&2
        exit 1
    fi
    echo "dev.sh: installing$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
}

# Locales with a decimal comma, so the tests prove output ignores the locale.
generate_locales() {
    locale -a 2>/dev/null | grep -qi '^de_DE.utf8$' && locale -a | grep -qi '^sv_SE.utf8$' && return 0
    [ "$(id -u)" -eq 0 ] || return 0
    [ -f /etc/locale.gen ] || return 0
    sed -i -e 's/^# *\(de_DE.UTF-8 UTF-8\)/\1/' -e 's/^# *\(sv_SE.UTF-8 UTF-8\)/\1/' /etc/locale.gen
    locale-gen >/dev/null
}

configure() { # DIR OPTIONS...
    dir=$1
    shift
    if [ -f "$dir/build.ninja" ]; then
        meson configure "$dir" "$@" >/dev/null
    else
        meson setup "$dir" "$@" >/dev/null
    fi
    # ninja reports compile errors on standard output: keep it, and show it when the build fails.
    ninja -C "$dir" >"$dir/ninja.log" 2>&1 || { cat "$dir/ninja.log"; echo "dev.sh: the build in $dir failed" >&2; return 1; }
}

# Sums the results of the last meson test run in DIR into the global counters, counting TAP subtests.
tally() {
    python3 - "$1/meson-logs/testlog.json" <<'PY' >>"$tally_file"
import json, re, sys
passed = failed = skipped = 0
for line in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(line)
    result = t["result"]
    ok = len(re.findall(r"^ok ", t.get("stdout") or "", re.M))
    not_ok = len(re.findall(r"^not ok ", t.get("stdout") or "", re.M))
    if result == "SKIP":
        skipped += 1
    elif ok + not_ok:
        passed += ok
        failed += not_ok + (1 if result not in ("OK", "EXPECTEDFAIL") and not_ok == 0 else 0)
    elif result in ("OK", "EXPECTEDFAIL"):
        passed += 1
    else:
        failed += 1
print(passed, failed, skipped)
PY
}

run_tests() { # DIR LABEL MESON-TEST-ARGS...
    dir=$1 label=$2
    shift 2
    echo "== $label"
    status=0
    meson test -C "$dir" --print-errorlogs "$@" || status=1
    tally "$dir"
    return $status
}

case "${1:-}" in
demo)
    install_dependencies
    configure build
    example=examples/data/environment-agency.yaml
    echo "== portfolio validate examples/data/*.yaml"
    ./build/tools/portfolio validate examples/data/*.yaml && echo "all valid"
    echo "== portfolio report $example"
    ./build/tools/portfolio report "$example"
    ./build/tools/portfolio report "$example" --format html -o build/report.html 2>/dev/null
    ./build/tools/portfolio form -o build/questionnaire.html 2>/dev/null
    ./build/tools/portfolio form --lang fr -o build/questionnaire-fr.html 2>/dev/null
    echo
    echo "The HTML report (charts, tables, recommendations) is at: $(pwd)/build/report.html"
    echo "The questionnaire to send to respondents (offline HTML; English, French) is at:"
    echo "  $(pwd)/build/questionnaire.html"
    echo "  $(pwd)/build/questionnaire-fr.html"
    echo "Running a round of answers: docs/collecting.md"
    ;;
test)
    # Chromium opens the HTML report as a person's browser would (tests/check_browser.sh).
    install_dependencies chromium
    generate_locales
    tally_file=$(mktemp)
    trap 'rm -f "$tally_file"' EXIT
    failed_runs=0
    configure build-ci -Dwerror=true -Dtests=enabled -Dpython=enabled
    run_tests build-ci "tests (warnings as errors)" || failed_runs=$((failed_runs + 1))
    LC_ALL=de_DE.UTF-8 run_tests build-ci "tests under LC_ALL=de_DE.UTF-8" --suite unit --suite cli \
        || failed_runs=$((failed_runs + 1))
    run_tests build-ci "unit tests under valgrind" --setup valgrind --suite unit || failed_runs=$((failed_runs + 1))
    run_tests build-ci "threads under helgrind" --setup helgrind --suite threads || failed_runs=$((failed_runs + 1))
    PF_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect" \
        run_tests build-ci "command line under valgrind" --suite cli --timeout-multiplier 20 || failed_runs=$((failed_runs + 1))
    configure build-asan -Dwerror=true -Dtests=enabled -Dpython=enabled -Db_sanitize=address,undefined -Db_lundef=false
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
        run_tests build-asan "tests under AddressSanitizer + UndefinedBehaviorSanitizer" \
        || failed_runs=$((failed_runs + 1))
    set -- $(awk '{ p += $1; f += $2; s += $3 } END { print p + 0, f + 0, s + 0 }' "$tally_file")
    echo "$1 passed, $2 failed, $3 skipped"
    [ "$1" -gt 0 ] || { echo "dev.sh: no test ran" >&2; exit 1; }
    [ "$2" -eq 0 ] && [ "$failed_runs" -eq 0 ]
    ;;
*)
    echo "usage: ./dev.sh demo | test" >&2
    exit 2
    ;;
esac

#!/bin/sh
# The manual pages (tools/man.py): one per command of the table, each rendering without a
# warning, and each SYNOPSIS equal to the usage its --help prints (TAP).
set -u
exe=$1
pages=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "not ok $n - $1"; failures=$((failures + 1)); }

# man-db renders with warnings shown; without it, groff (groff-base, in dev.sh) does what man -l
# would. A fixed UTF-8 locale: man warns about an unusable one, and the rendering must not vary.
if command -v man >/dev/null 2>&1; then
    render() { LC_ALL=C.UTF-8 MANWIDTH=200 MAN_KEEP_FORMATTING= man --warnings -l "$1"; }
elif command -v groff >/dev/null 2>&1; then
    render() { groff -man -Tutf8 -ww -rLL=200n -P-cbou "$1"; }
else
    echo "1..0 # SKIP neither man nor groff is installed (dev.sh installs groff-base)"
    exit 0
fi

commands=$("$exe" --help | sed -n '/^Commands:$/,/^$/p' | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p')
[ "$(echo "$commands" | wc -l)" -ge 14 ] && ok "the command table lists the commands" || fail "the command table lists the commands"
for cmd in "" $commands; do
    page=$pages/portfolio${cmd:+-$cmd}.1
    label=portfolio${cmd:+-$cmd}.1
    if [ ! -f "$page" ]; then
        fail "$label exists"
        continue
    fi
    ok "$label exists"
    render "$page" >"$tmp/page" 2>"$tmp/warnings"
    if [ -s "$tmp/page" ] && [ ! -s "$tmp/warnings" ]; then ok "$label renders without warnings"; else
        fail "$label renders without warnings"; sed 's/^/# /' "$tmp/warnings"; fi
    # The SYNOPSIS lines, without man's indentation of 7, against the --help usage lines without "usage: ".
    sed -n '/^SYNOPSIS$/,/^$/p' "$tmp/page" | sed '1d;$d' | sed 's/^       //' >"$tmp/synopsis"
    if [ -n "$cmd" ]; then "$exe" "$cmd" --help; else "$exe" --help; fi | sed -n '1,/^$/p' | sed '$d' |
        sed 's/^.......//' >"$tmp/usage"
    if [ -s "$tmp/usage" ] && cmp -s "$tmp/usage" "$tmp/synopsis"; then ok "$label: the synopsis is the --help usage"; else
        fail "$label: the synopsis is the --help usage"; diff "$tmp/usage" "$tmp/synopsis" | sed 's/^/# /'; fi
    if [ -n "$cmd" ]; then
        # The NAME line and the whole summary, as --help gives them.
        "$exe" "$cmd" --help | awk 'BEGIN { RS = "" } NR == 2' | tr -s ' \n' '  ' | sed 's/ $//' >"$tmp/summary"
        sed -n '/^DESCRIPTION$/,/^$/p' "$tmp/page" | sed '1d;$d' | tr -s ' \n' '  ' | sed 's/^ //; s/ $//' >"$tmp/description"
        if cmp -s "$tmp/summary" "$tmp/description"; then ok "$label: the description is the --help summary"; else
            fail "$label: the description is the --help summary"; diff "$tmp/summary" "$tmp/description" | sed 's/^/# /'; fi
        grep -q "^EXIT STATUS$" "$tmp/page" && ok "$label: an exit status section" || fail "$label: an exit status section"
    fi
done
# No page for a command the table does not have.
for page in "$pages"/portfolio-*.1; do
    cmd=${page##*/portfolio-}
    cmd=${cmd%.1}
    echo "$commands" | grep -qx "$cmd" || fail "$page has a command in the table"
done
echo "1..$n"
[ "$failures" -eq 0 ]

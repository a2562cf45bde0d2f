# Sourced by the browser checks (check_browser.sh, check_form.sh): `browser_setup BUILD` finds
# Debian's Chromium and installs playwright-core from npm into BUILD/browser, setting $chromium
# and $modules. Without them it skips (exit 77) on a developer machine and fails under CI.
browser_setup() {
    chromium=$(command -v chromium || command -v chromium-browser || true)
    if [ -z "$chromium" ] || ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        echo "chromium or node missing"
        [ -n "${CI:-}" ] && exit 1
        exit 77
    fi
    modules="$1/browser"
    if [ ! -d "$modules/node_modules/playwright-core" ]; then
        mkdir -p "$modules"
        npm install --prefix "$modules" --no-save --no-audit --no-fund playwright-core@1.49 >/dev/null 2>&1 ||
            { echo "npm could not install playwright-core"; [ -n "${CI:-}" ] && exit 1; exit 77; }
    fi
}

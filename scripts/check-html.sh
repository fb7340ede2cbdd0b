#!/usr/bin/env bash
# Renders the sample HTML reports (a realistic run and one full of hostile provider text),
# opens them in headless Chromium and fails on any console error or network request;
# saves the screenshot shown in reports/README.md as docs/report.png.
#
#   scripts/check-html.sh              # check, and refresh docs/report.png
#   scripts/check-html.sh --no-screenshot
set -euo pipefail
cd "$(dirname "$0")/.."

screenshot=(--screenshot docs/report.png)
[ "${1:-}" = "--no-screenshot" ] && screenshot=()

if ! command -v chromium >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "check-html: chromium is not installed (apt-get install chromium)" >&2
        exit 2
    fi
fi
python3 -c 'import websocket' 2>/dev/null || python3 -m pip install -q websocket-client

swift build --build-tests 2>&1 | grep -E "error:|Compiling|Build" | tail -5
FAULTLINE_WRITE_SAMPLE=1 swift test --skip-build --filter "HTMLReportTests/writeSampleWhenAsked" >/dev/null
python3 scripts/check-html.py --self-test reports/sample/index.html reports/sample/hostile.html "${screenshot[@]}"

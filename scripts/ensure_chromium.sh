#!/usr/bin/env bash
# Finds a Chrome or Chromium for kaleido (PNG figures). Where there is none, installs
# Debian's chromium when it can (root and apt-get present); otherwise says what to do.
# Never fails the caller: HTML figures and the memo need no browser.
set -u

for candidate in chromium chromium-browser google-chrome google-chrome-stable chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then
        echo "==> Chrome/Chromium for PNG figures: $(command -v "$candidate")"
        exit 0
    fi
done

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    log="$(dirname "$0")/../logs/chromium.log"
    mkdir -p "$(dirname "$log")"
    echo "==> No Chrome/Chromium found: installing Debian's chromium for PNG figures (apt-get, log: logs/chromium.log)"
    if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >"$log" 2>&1; then
        echo "    chromium installed: $(command -v chromium)"
        exit 0
    fi
    echo "    apt-get could not install chromium (log: logs/chromium.log)."
fi

cat <<'MSG'
WARNING: no Chrome or Chromium found, so figures are written as HTML only (no PNG).
  To get PNGs, install one:
    Debian/Ubuntu:  sudo apt-get install chromium
    with internet:  .venv/bin/plotly_get_chrome
  then run `make review` again.
MSG
exit 0

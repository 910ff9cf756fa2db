#!/usr/bin/env bash
# Install NewsKG into .venv (Python 3.11+). With --test also the test tools and,
# when run as root on Debian, Chromium and chromedriver for the browser tests.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
python=${PYTHON:-python3}

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ "${1:-}" = "--test" ]; then
  .venv/bin/python -m pip install -q -e ".[test,bench,native]"
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    else
      echo "warning: chromium/chromedriver missing and cannot be installed here; browser tests will fail" >&2
    fi
  fi
else
  .venv/bin/python -m pip install -q -e ".[native]"
fi
# compile the extractor's hot modules with mypyc (about twice as fast, same output; a minute or two the
# first time, skipped while they are up to date); without a C compiler kg runs on the sources
if ! .venv/bin/python scripts/native.py status | grep -q "up to date"; then
  .venv/bin/python scripts/native.py build || echo "warning: extractor not compiled; kg runs on the (slower) sources" >&2
fi

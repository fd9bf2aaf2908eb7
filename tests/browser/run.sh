#!/usr/bin/env bash
# Browser test of the search page, on a clean Debian machine: installs Chromium (apt) and the
# npm packages of package-lock.json, builds the search fixture site with the release binary,
# and runs search.test.js, which serves the site on 127.0.0.1 under /kennisbank/ with a strict
# Content-Security-Policy (the server stops with the test). The screenshot of the search page
# with results goes to tests/browser/out/search.png.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium
fi
cd "$here"
npm ci --no-audit --no-fund --loglevel=error

cd "$repo"
cargo build --release --locked --quiet
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
./target/release/wegwijs build --quiet --root tests/sites/search --output "$site/public"

cd "$here"
SITE_DIR="$site/public" node --test search.test.js

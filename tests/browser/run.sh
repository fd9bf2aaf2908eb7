#!/usr/bin/env bash
# Browser tests, on a clean Debian machine: installs Chromium (apt) and the npm packages of
# package-lock.json, builds the search fixture site and the shipped knowledge base with the
# release binary, and runs search.test.js and site.test.js. Each serves its site on 127.0.0.1
# under a sub-path with a strict Content-Security-Policy (the server stops with the test).
# serve.test.js runs `wegwijs serve` itself on a copy of tests/sites/clean and edits it.
# Screenshots go to tests/browser/out/ (every page kind at two widths: out/screenshots/).
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
./target/release/wegwijs build --quiet --root . --output "$site/shipped" --base-url https://example.nl/wegwijs/

cd "$here"
SITE_DIR="$site/public" node --test search.test.js
SITE_DIR="$site/shipped" node --test site.test.js
# Every kind of page at 1280x900 and 390x844; the PNGs (the theme's review) go to
# tests/browser/out/screenshots/, or to SCREENSHOT_DIR.
SITE_DIR="$site/shipped" node --test screenshots.test.js
# Right to left: an Arabic page mirrors its Dutch original (PNGs rtl-term-*.png, ltr-term-*.png).
SITE_DIR="$site/shipped" node --test rtl.test.js
# The preview: `wegwijs serve` on a copy of the clean fixture site, edited while Chromium watches.
WEGWIJS="$repo/target/release/wegwijs" FIXTURE="$repo/tests/sites/clean" node --test serve.test.js

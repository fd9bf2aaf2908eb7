#!/usr/bin/env bash
# Browser tests, on a clean Debian machine: installs Chromium (apt) and the npm packages of
# package-lock.json, builds the search fixture site and the shipped knowledge base with the
# release binary, and runs search.test.js, site.test.js and a11y.test.js, and the Nu HTML
# Checker over every page of the shipped site. Each serves its site on 127.0.0.1
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
# Accessibility beyond axe: a keyboard-only walk with visible focus, forced colours, reduced
# motion, the dark scheme, print and task lists; screenshots to tests/browser/out/a11y/.
SITE_DIR="$site/shipped" node --test a11y.test.js
# The Nu HTML Checker (vnu.jar from npm, on the installed Java) over every page of the shipped
# site: any error fails.
if ! command -v java >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq default-jre-headless
fi
pages="$(find "$site/shipped" -name '*.html' | wc -l)"
java -jar "$here/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --skip-non-html "$site/shipped"
echo "Nu HTML Checker: $pages pages, no errors"
# Every kind of page at 1280x900 and 390x844; the PNGs (the theme's review) go to
# tests/browser/out/screenshots/, or to SCREENSHOT_DIR.
SITE_DIR="$site/shipped" node --test screenshots.test.js
# The preview: `wegwijs serve` on a copy of the clean fixture site, edited while Chromium watches.
WEGWIJS="$repo/target/release/wegwijs" FIXTURE="$repo/tests/sites/clean" node --test serve.test.js

#!/usr/bin/env bash
# Browser tests, on a clean Debian machine: installs Chromium (apt) and the npm packages of
# package-lock.json, builds the search fixture site and the shipped knowledge base with the
# release binary, and runs search.test.js, site.test.js, a11y.test.js, the Nu HTML Checker over
# every page of the shipped site, and house_style.test.js (the house-style fixture with its design
# tokens); portable.test.js opens a --portable build of it from disk, and moved.test.js follows
# the old addresses of tests/sites/moved. Each serves its site on 127.0.0.1
# under a sub-path with a strict Content-Security-Policy (the server stops with the test).
# serve.test.js runs `wegwijs serve` itself on a copy of tests/sites/clean and edits it.
# deploy.test.js builds the shipped site itself and serves it with nginx and deploy/nginx.conf,
# then with Apache and deploy/.htaccess.
# Screenshots go to tests/browser/out/ (every page kind at two widths: out/screenshots/).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium
fi
# deploy.test.js starts a real nginx with deploy/nginx.conf (as an ordinary process, no service).
if [ ! -x /usr/sbin/nginx ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nginx
fi
# ... and a real Apache with deploy/.htaccess (also an ordinary process on its own httpd.conf).
# The install must not start Apache's service: the test starts its own, and port 80 may be
# nginx's already, which would fail the install. Debian's policy-rc.d says so (Docker images
# have one; where there is none, one is put there for the install only).
if [ ! -x /usr/sbin/apache2 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    policy=made
  fi
  installed=0
  apt-get install -y -qq apache2 || installed=$?
  if [ "$policy" = made ]; then rm -f /usr/sbin/policy-rc.d; fi
  [ "$installed" = 0 ]
fi
cd "$here"
npm ci --no-audit --no-fund --loglevel=error

cd "$repo"
cargo build --release --locked --quiet
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
./target/release/wegwijs build --quiet --root tests/sites/search --output "$site/public"
./target/release/wegwijs build --quiet --root . --output "$site/shipped" --base-url https://example.nl/wegwijs/
./target/release/wegwijs build --quiet --root . --output "$site/portable" --portable
./target/release/wegwijs build --quiet --root tests/sites/moved --output "$site/moved"
./target/release/wegwijs build --quiet --root tests/sites/house-style --output "$site/house-style"
./target/release/wegwijs build --quiet --root tests/sites/layers/local --output "$site/local"

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
# The shipped site built with --portable, opened from disk (file://) with the network off.
SITE_DIR="$site/portable" node --test portable.test.js
# Moved pages: each old address of the fixture, served as it is, leads on to its new page.
SITE_DIR="$site/moved" node --test moved.test.js
# A municipality's house style: its NL Design System tokens applied (computed colours), axe,
# and the home page at two widths (tests/browser/out/house-style/, or SCREENSHOT_DIR).
SITE_DIR="$site/house-style" node --test house_style.test.js
# The shipped deploy/nginx.conf in a real nginx and deploy/.htaccess in a real Apache, one after
# the other on one build: headers, 404 page, redirects of a moved page and CSP on every kind of page.
WEGWIJS="$repo/target/release/wegwijs" REQUIRE_NGINX=1 REQUIRE_APACHE=1 node --test deploy.test.js
# Right to left: an Arabic page mirrors its Dutch original (PNGs rtl-term-*.png, ltr-term-*.png).
SITE_DIR="$site/shipped" node --test rtl.test.js
# The preview: `wegwijs serve` on a copy of the clean fixture site, edited while Chromium watches.
WEGWIJS="$repo/target/release/wegwijs" FIXTURE="$repo/tests/sites/clean" node --test serve.test.js
# The glossary export (begrippen.jsonld) read by a JSON-LD processor: SKOS after NL-SBB.
SITE_DIR="$site/shipped" node --test skos.test.js
# A municipality's local version over a base: the local result first with its badge, the local
# filter, the badge in a list and the local listing without JavaScript; axe on those pages.
SITE_DIR="$site/local" node --test local.test.js

#!/usr/bin/env bash
# Runs every test of amparo. It installs Chromium, ChromeDriver and pdftotext when missing, builds
# the bundled site and checks it as a file:// browser would (with the shared site checker when
# it is beside this repository) and with `amparo check --strict`, then runs the unit and integration tests: fixture sites, the
# bundled site, the command line, the preview server, builds killed mid-way, a full disk and the browser test.
# Last, a short fuzz run: each fuzz target for 2,000 executions from a fixed seed.
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests need Debian's Chromium and ChromeDriver, pdftotext and pdfinfo for the
# booklet and the poster; the ZIM export test needs zim-tools; the crash-safety test kills
# builds at exact system calls with strace; the translation tests read the PO files with GNU
# gettext and with translate-toolkit (what Weblate and Pootle read files with).
# The browser tests run /usr/bin/chromium, /usr/bin/chromedriver and /usr/bin/pdftotext, so
# those exact files are what is looked for (another chromium on the PATH would not do).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/pdftotext ] || ! command -v zimcheck >/dev/null || ! command -v strace >/dev/null || ! command -v msgfmt >/dev/null; then
  echo "Installing chromium, chromium-driver, poppler-utils, zim-tools, strace and gettext for the tests..."
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver poppler-utils zim-tools strace gettext >/dev/null
fi
if ! python3 -c "import translate.storage.factory" 2>/dev/null; then
  echo "Installing translate-toolkit for the tests..."
  python3 -m pip install -q translate-toolkit
fi

out=target/site-check
cargo run --locked --quiet -- build --out "$out"
# The bundled site must pass its own quality gate, warnings included.
cargo run --locked --quiet -- check --strict > target/check-report.txt || {
  cat target/check-report.txt
  exit 1
}
tail -n 1 target/check-report.txt
checker=../shared/tools/site_check.py
if [ -f "$checker" ]; then
  python3 "$checker" "$out" --langs es,en,quc,mam
  # Again with base_url set, which adds the sitemap and absolute links for hosts.
  with_base=target/site-check-base-url
  rm -rf "$with_base" && mkdir -p "$with_base"
  cp -r content locales themes "$with_base/"
  sed 's|^# base_url = .*|base_url = "https://example.org/amparo/"|' site.toml > "$with_base/site.toml"
  grep -q '^base_url' "$with_base/site.toml"
  cargo run --locked --quiet -- build --root "$with_base" --out "$with_base/public"
  python3 "$checker" "$with_base/public" --langs es,en,quc,mam
elif [ "${CI:-}" = "true" ]; then
  echo "error: $checker is missing; CI runs with ../shared beside the repository" >&2
  exit 1
fi

cargo test --locked

# The fuzz crate's own tests: the safety oracle that the fuzz targets judge every page by.
(cd fuzz && cargo test --locked --lib --target-dir ../target)
# The short version of `scripts/fuzz.sh` (the long runs are in the README). It installs
# cargo-fuzz when missing and builds the targets in release mode under target/fuzz.
FUZZ_RUNS=2000 FUZZ_TARGET_DIR="$PWD/target/fuzz" bash scripts/fuzz.sh

#!/usr/bin/env bash
# Runs every test of amparo: unit and integration tests (fixture sites, the bundled site, the
# command line), then builds the bundled site and checks it once more as a file:// browser
# would, with the shared site checker when it is present beside this repository.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --locked --all-targets

out=target/site-check
cargo run --locked --quiet -- build --out "$out"
checker=../shared/tools/site_check.py
if [ -f "$checker" ]; then
  python3 "$checker" "$out" --langs es,en,quc,mam
elif [ "${CI:-}" = "true" ]; then
  echo "error: $checker is missing; CI runs with ../shared beside the repository" >&2
  exit 1
fi

#!/usr/bin/env bash
# Runs every test of amparo. First it builds the bundled site and checks it as a file://
# browser would, using the shared site checker when it is beside this repository. Then it runs
# the unit and integration tests: fixture sites, the bundled site and the command line.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/site-check
cargo run --locked --quiet -- build --out "$out"
checker=../shared/tools/site_check.py
if [ -f "$checker" ]; then
  python3 "$checker" "$out" --langs es,en,quc,mam
elif [ "${CI:-}" = "true" ]; then
  echo "error: $checker is missing; CI runs with ../shared beside the repository" >&2
  exit 1
fi

cargo test --locked --all-targets

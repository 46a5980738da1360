#!/usr/bin/env bash
# Load on `amparo serve` (README, "Hardening"): builds the release binary and the serve_load
# example, installs Debian's wrk when it is missing, then runs the example for SECONDS (default
# 30): wrk -t2 -c32 on every page of the bundled site while a page is saved every 200 ms, with
# 300 live-reload connections and 20 slow clients open. It prints requests, errors, latency,
# the server's memory and whether every copy of the edited page was whole, and exits with 1
# when a check fails.
#
#   bash scripts/load.sh 30
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"

if ! command -v wrk >/dev/null; then
  echo "Installing wrk..."
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

cargo build --release --locked --quiet --bin amparo --example serve_load
exec target/release/examples/serve_load --seconds "$seconds" --amparo target/release/amparo

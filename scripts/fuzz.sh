#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for SECONDS each (default 60), one after the other,
# and prints per target the executions and the crashes found. Works on stable Rust: the targets
# are built without a sanitizer (`--sanitizer none`), with libFuzzer's coverage instrumentation.
#
#   bash scripts/fuzz.sh [SECONDS]
#
# FUZZ_RUNS=N bounds each target by N executions from a fixed random seed instead of by time, so
# the same build always tries the same inputs: the test suite runs that short version.
# FUZZ_TARGETS="markdown locale" runs only those targets. FUZZ_TARGET_DIR moves the build
# (about 2 GB) elsewhere, for example to a tmpfs. A crash stops its target: the input is saved
# under fuzz/artifacts/<target>/, the summary prints the command that replays it, and the script
# exits with 1.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
seconds="${1:-60}"
runs_limit="${FUZZ_RUNS:-}"
if [ -n "$runs_limit" ]; then
  bound=(-runs="$runs_limit" -seed=1)
  per="$runs_limit runs"
else
  bound=(-max_total_time="$seconds")
  per="${seconds}s"
fi
read -r -a targets <<< "${FUZZ_TARGETS:-front_matter markdown site_toml locale one_file_build one_file_check}"
target_dir="${FUZZ_TARGET_DIR:-$repo/fuzz/target}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "Installing cargo-fuzz..."
  cargo install cargo-fuzz --locked
fi

# The minimised corpus kept in the repository, unpacked on first use (and a long run's corpus,
# minimised with `-merge=1`, is packed back the same way: see the README).
if [ ! -d fuzz/corpus ] || [ -z "$(ls -A fuzz/corpus 2>/dev/null)" ]; then
  mkdir -p fuzz/corpus
  tar -xzf fuzz/corpus.tar.gz -C fuzz/corpus
fi
bash scripts/fuzz-seeds.sh >/dev/null
(cd fuzz && cargo fuzz build --sanitizer none --target-dir "$target_dir")

# The targets make their temporary site once per process, and libFuzzer exits without running
# destructors: give them a folder of their own and delete it afterwards.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/amparo-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p fuzz/logs

dict_for() {
  case $1 in
    site_toml | locale) echo "$repo/fuzz/dict/toml.dict" ;;
    *) echo "$repo/fuzz/dict/markdown.dict" ;;
  esac
}

# Prints the number of files in a folder (0 when it does not exist).
count() {
  if [ -d "$1" ]; then find "$1" -type f | wc -l; else echo 0; fi
}

summary=()
failed=0
for target in "${targets[@]}"; do
  echo "== $target: $per"
  log="fuzz/logs/$target.log"
  artifacts="fuzz/artifacts/$target"
  before=$(count "$artifacts")
  status=0
  (cd fuzz && TMPDIR="$scratch" cargo fuzz run "$target" --sanitizer none --target-dir "$target_dir" -- \
    "${bound[@]}" -timeout=20 -print_final_stats=1 -dict="$(dict_for "$target")") \
    >"$log" 2>&1 || status=$?
  runs=$(sed -n "s/^stat::number_of_executed_\(runs\|units\): *\([0-9]*\).*/\2/p" "$log" | tail -n 1)
  if [ -z "$runs" ]; then
    runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p; s/^#\([0-9]*\)[[:space:]].*/\1/p' "$log" | tail -n 1)
  fi
  crashes=$(($(count "$artifacts") - before))
  line=$(printf '%-16s %12s executions  %s crashes' "$target" "${runs:-?}" "$crashes")
  if [ "$crashes" -gt 0 ] || [ "$status" -ne 0 ]; then
    failed=1
    newest=$(find "$artifacts" -type f -printf '%T@ %f\n' | sort -n | tail -n 1 | cut -d' ' -f2 || true)
    line+="  (exit $status; log $log${newest:+; replay: cd fuzz && cargo fuzz run $target --sanitizer none --target-dir $target_dir artifacts/$target/$newest})"
  fi
  echo "$line"
  summary+=("$line")
  rm -rf "${scratch:?}"/*
done

echo
echo "Summary, $per per target:"
printf '%s\n' "${summary[@]}"
exit "$failed"

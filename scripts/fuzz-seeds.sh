#!/usr/bin/env bash
# Seeds each fuzz target's corpus (fuzz/corpus/<target>/) with the repository's own inputs: the
# content and fixture Markdown files, site.toml files and locale files, plus the hand-written
# seeds in fuzz/seeds/<target>/. Files already there, such as what earlier runs found, are kept.
set -euo pipefail
cd "$(dirname "$0")/.."

# Copies each file to the corpus of a target, named after its path so no two collide.
seed() {
  local target=$1
  shift
  mkdir -p "fuzz/corpus/$target"
  local file
  for file in "$@"; do
    [ -f "$file" ] && cp "$file" "fuzz/corpus/$target/seed-${file//\//_}"
  done
  return 0
}

mapfile -t markdown < <(find content tests/fixtures src/init/content -name '*.md' | sort)
mapfile -t sites < <(find . -path ./fuzz -prune -o -path ./target -prune -o -name site.toml -printf '%P\n' | sort)
mapfile -t locales < <(find locales tests/fixtures -path '*locales/*.toml' | sort)
mapfile -t handmade < <(find fuzz/seeds/markdown -type f | sort)

seed front_matter "${markdown[@]}"
seed one_file_build "${markdown[@]}" "${handmade[@]}"
seed one_file_check "${markdown[@]}" "${handmade[@]}"
seed markdown "${markdown[@]}" "${handmade[@]}"
seed site_toml "${sites[@]}"
seed locale "${locales[@]}"

for target in front_matter markdown site_toml locale one_file_build one_file_check; do
  echo "fuzz/corpus/$target: $(find "fuzz/corpus/$target" -type f | wc -l) files"
done

#!/usr/bin/env bash
# Search beside Pagefind, on the same generated sites: the bytes one search downloads and how
# long it takes to answer, in headless Chromium with its CPU slowed 4×.
#
#   bash bench/search.sh              # 1000 pages per language
#   bash bench/search.sh 200 1000     # other sizes
#   ROUNDS=5 RATE=6 bash bench/search.sh 1000
#
# For each size it writes two corpora with examples/corpus.rs, every language with every page
# of its own: one whose text is drawn from 20,000 made-up words (as real text, a few common
# and many rare: the search index of a real size) and one from the same 33 words on every page
# (every word on every page: the longest lists of pages). It builds each with amparo, runs
# Pagefind (npm `pagefind@1`) on the output, then examples/search_bench.rs measures both tools
# on the Spanish pages. The table is printed and written to bench/search-results.md.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=${ROUNDS:-3}
rate=${RATE:-4}
if [ "$#" -gt 0 ]; then sizes=("$@"); else sizes=(1000); fi

# shellcheck source=bench/common.sh
. "$repo/bench/common.sh"
check_sizes "${sizes[@]}"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive number, not '$rounds'"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v npm >/dev/null || missing+=(npm)
install_missing "${missing[@]}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "installing Pagefind with npm" >&2
npm install --prefix "$work/npm" --no-audit --no-fund --silent pagefind@1 >/dev/null ||
    die "npm could not install pagefind"
pagefind=$work/npm/node_modules/.bin/pagefind

echo "building amparo (release)" >&2
(cd "$repo" && cargo build --release --quiet &&
    cargo build --release --quiet --example corpus --example search_bench) ||
    die "cargo build failed"
amparo=$repo/target/release/amparo
corpus=$repo/target/release/examples/corpus
bench=$repo/target/release/examples/search_bench

results=()
for n in "${sizes[@]}"; do
    for kind in "20000 words:--vocabulary 20000" "33 words:"; do
        label=${kind%%:*}
        read -ra extra <<<"${kind#*:}"
        site=$work/site
        rm -rf "$site"
        echo "== $n pages per language, $label" >&2
        "$corpus" --pages "$n" --out "$site" --translated "${extra[@]}" >/dev/null
        "$amparo" build --root "$site" --out "$site/public" >"$work/build.log" 2>&1 ||
            { cat "$work/build.log" >&2; die "the amparo build failed"; }
        "$pagefind" --site "$site/public" >"$work/pagefind.log" 2>&1 ||
            { cat "$work/pagefind.log" >&2; die "pagefind failed"; }
        out=$("$bench" --site "$site/public" --lang es --rate "$rate" --rounds "$rounds") ||
            die "the measurement failed"
        results+=("### $n pages per language, text of $label" "" "$out" "")
        printf '%s\n' "${results[@]: -4}"
    done
done

{
    echo "# Search: amparo and Pagefind, side by side"
    echo
    echo "Made by \`bench/search.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores," \
        "$(/usr/bin/chromium --version 2>/dev/null | head -n 1), pagefind $("$pagefind" --version | awk '{ print $2 }')."
    echo "Over HTTP on loopback, the browser's cache off, the offline worker set aside."
    echo "\"First search\": a query on a freshly opened search page, loading included."
    echo "\"Next search\": another query on the same page. \"Same search again\": that query once more,"
    echo "every part it needs already loaded: the time the matching and the results list take."
    echo "Bytes: every file the first search made the browser fetch, gzipped (Pagefind's"
    echo "index files as they are, compressed already), amparo's search.js included."
    echo
    printf '%s\n' "${results[@]}"
} >"$repo/bench/search-results.md"
echo "(written to bench/search-results.md)"

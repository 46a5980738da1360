#!/usr/bin/env bash
# Save-to-reload benchmark of `amparo serve`, one kind of edit at a time, on the fully
# translated corpus (every language has every page of its own: the costly case).
#
#   bash bench/reload.sh                # 1000 and 10000 pages per language
#   bash bench/reload.sh 1000           # other sizes
#   RUNS=9 bash bench/reload.sh 1000    # more edits of each kind (5 by default)
#
# For each size it writes the corpus with examples/corpus.rs --translated, then runs
# examples/reload_latency.rs once per kind of edit (page text, title, description, weight, a UI
# string, a new page, a deleted page, a new section in a folder of its own) on the page
# content/s005/p050.es.md. Each run serves a copy
# of the corpus, makes RUNS edits of that kind, and times each from the save to the event that
# tells the edited page to reload (the 30 ms debounce included). Between edits it waits PAUSE
# milliseconds (1000 by default, 8000 past 5,000 pages), so that each edit starts on a preview
# that has finished the last one. The table is printed and written to bench/reload-results.md.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-5}
if [ "$#" -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000); fi

# shellcheck source=bench/common.sh
. "$repo/bench/common.sh"
check_sizes "${sizes[@]}"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$runs'"

cd "$repo"
cargo build --release --example corpus --example reload_latency >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

kinds=(text title description weight locale new delete folder)
table="| pages × languages |$(printf ' %s |' "${kinds[@]}")
|---|$(printf -- '---|%.0s' "${kinds[@]}")"
for n in "${sizes[@]}"; do
    site="$work/c$n"
    ./target/release/examples/corpus --pages "$n" --translated --out "$site" >&2
    pause=${PAUSE:-$([ "$n" -gt 5000 ] && echo 8000 || echo 1000)}
    row="| $n × 4 |"
    for kind in "${kinds[@]}"; do
        line=$(./target/release/examples/reload_latency --root "$site" \
            --page content/s005/p050.es.md --runs "$runs" --edit "$kind" --pause "$pause")
        echo "$line" >&2
        # "median 51 ms, p90 56 ms, max 56 ms" → "51 / 56"
        median=$(sed -E 's/.*median ([0-9]+) ms.*/\1/' <<<"$line")
        p90=$(sed -E 's/.*p90 ([0-9]+) ms.*/\1/' <<<"$line")
        row="$row $median / $p90 |"
    done
    table="$table
$row"
    rm -rf "$site"
done

out="Save → reload event in \`amparo serve\`, ms, median / p90 of $runs edits of each kind, fully
translated corpus ($(date +%F), $(nproc) cores):

$table"
echo "$out"
echo "$out" >bench/reload-results.md

#!/usr/bin/env bash
# Side-by-side build benchmark: amparo against Hugo on the same generated Markdown.
#
#   bash bench/compare.sh               # 1000, 5000 and 10000 pages per language
#   bash bench/compare.sh 200 1000      # other sizes
#   RUNS=5 WARMUP=1 bash bench/compare.sh 1000
#   KEEP=1 bash bench/compare.sh 100    # keep the generated sites and outputs to look at
#   CORPORA=translated bash bench/compare.sh 1000   # one corpus only (fallback, translated)
#   ZOLA=/path/to/zola bash bench/compare.sh      # Zola too, on the translated corpus
#
# For each size and each corpus — "fallback" (K'iche' and Mam without pages of their own,
# English without every fifth page, as the bundled site is today) and "translated" (every
# language has every page, the costly case) — it writes a corpus with examples/corpus.rs,
# copies bench/hugo/ (hugo.toml,
# layouts, i18n) beside it, builds it once with each tool (a failed build stops the script),
# then times RUNS rounds. Each round is one hyperfine call that builds with amparo and then with
# Hugo, so the two tools alternate and share whatever else the machine is doing; the first round
# also does WARMUP unmeasured builds of each. Every build writes into a fresh output folder.
# amparo is timed twice: as a rebuild (its cache, .amparo/cache/: compressed zip entries and
# the phone numbers checked, is there from the build before, as when an editor builds again)
# and as a first build (the cache removed before each run). Its peak RSS is that of a first
# build, the larger.
# The wall time shown is the median of the rounds. Peak memory comes from one more build of
# each tool under GNU time. The floor (examples/floor.rs: read every Markdown file, turn it
# into HTML with pulldown-cmark, write it, in parallel, nothing else) is timed the same way.
# With ZOLA naming a zola binary (built from its public repository with `cargo build
# --release`), Zola is timed in the same rounds on the translated corpus, with bench/zola/ (the
# corpus renamed and its links rewritten the way Zola reads them; see bench/zola/config.toml).
# The table is printed and written to bench/results.md.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-3}
warmup=${WARMUP:-1}
if [ "$#" -gt 0 ]; then sizes=("$@"); else sizes=(1000 5000 10000); fi

# shellcheck source=bench/common.sh
. "$repo/bench/common.sh"
check_sizes "${sizes[@]}"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$runs'"
[[ $warmup =~ ^[0-9]+$ ]] || die "WARMUP must be a number, not '$warmup'"

# The tools, from Debian when they are missing.
missing=()
command -v hugo >/dev/null || missing+=(hugo)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
install_missing "${missing[@]}"

echo "building amparo (release)" >&2
(cd "$repo" && cargo build --release --quiet &&
    cargo build --release --quiet --example corpus --example floor) ||
    die "cargo build failed"
amparo=$repo/target/release/amparo
corpus=$repo/target/release/examples/corpus
floor=$repo/target/release/examples/floor
read -ra corpora <<<"${CORPORA:-fallback translated}"
zola=${ZOLA:-}
[ -z "$zola" ] || [ -x "$zola" ] || die "ZOLA names no program: '$zola'"
for c in "${corpora[@]}"; do
    [[ $c == fallback || $c == translated ]] || die "CORPORA holds fallback and/or translated, not '$c'"
done

if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    work=$(mktemp -d /dev/shm/amparo-bench.XXXXXX)
else
    work=$(mktemp -d)
fi
cleanup() {
    if [ "${KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# Hugo has no fallback between content languages (see bench/hugo/hugo.toml). Every Spanish
# source without a file in another language is hard-linked, without its language suffix,
# into hugo-fallback/<lang>/, which hugo.toml mounts as that language. Same files, same bytes.
link_fallbacks() {
    perl -MFile::Find -MFile::Path=make_path -e '
        my ($site, @langs) = @ARGV;
        find({ no_chdir => 1, wanted => sub {
            return unless m{^\Q$site\E/content/(.*?)([^/]+)\.es\.md$};
            my ($dir, $name) = ($1, $2);
            for my $l (@langs) {
                next if -e "$site/content/$dir$name.$l.md";
                make_path("$site/hugo-fallback/$l/$dir");
                link($_, "$site/hugo-fallback/$l/$dir$name.md") or die "link $_: $!\n";
            }
        } }, "$site/content");
    ' "$1" en quc mam
}

# Writes the Zola site for the corpus in $1 into $2: Spanish (the default language) without its
# language in the file name, sections sorted by weight, links to sources as internal links to
# the same page in the file's language, and amparo's stylesheet.
zola_site() {
    mkdir -p "$2/static"
    cp -R "$repo/bench/zola/." "$2/"
    cp "$1/themes/default/static/style.css" "$2/static/"
    perl -MFile::Find -MFile::Path=make_path -e '
        my ($site, $out) = @ARGV;
        find({ no_chdir => 1, wanted => sub {
            return unless m{^\Q$site\E/content/(.*?)([^/]+)\.([a-z]+)\.md$};
            my ($dir, $name, $lang) = ($1, $2, $3);
            my $suffix = $lang eq "es" ? "" : ".$lang";
            open my $in, "<", $_ or die "$_: $!\n";
            my $text = do { local $/; <$in> };
            $text =~ s{\]\(\.\./([^)#]+?)\.md\)}{](\@/$1$suffix.md)}g;
            $text =~ s{\A\+\+\+\n}{+++\nsort_by = "weight"\n} if $name eq "_index";
            make_path("$out/content/$dir");
            open my $o, ">", "$out/content/$dir$name$suffix.md" or die "$out: $!\n";
            print $o $text;
        } }, "$site/content");
    ' "$1" "$2"
}

mb() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); printf "%.2f", (NR % 2 ? v[m] : (v[m] + v[m + 1]) / 2) }'; }
html_files() { find "$1" -name '*.html' -type f | wc -l; }

# Runs one build and stops the script with its output when it fails.
checked_build() {
    local tool=$1 log=$2
    shift 2
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        die "the $tool build failed: $*"
    fi
}

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
header="| corpus | pages × langs | amparo rebuild (s) | amparo first build (s) | Hugo wall (s) | rebuild/Hugo | first/Hugo | Zola wall (s) | first/Zola | floor wall (s) | rebuild/floor | first/floor | amparo peak RSS (MB) | Hugo peak RSS (MB) | RSS ratio | Zola peak RSS (MB) | amparo .html files | Hugo .html files | Zola .html files |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
rows=()

for kind in "${corpora[@]}"; do
for n in "${sizes[@]}"; do
    site=$work/site-$kind-$n
    out_amparo=$site/public
    out_hugo=$site/public-hugo
    out_floor=$site/public-floor
    echo "== $n pages per language, $kind: corpus in $site" >&2
    flags=()
    [ "$kind" = translated ] && flags=(--translated)
    "$corpus" --pages "$n" --out "$site" "${flags[@]}" >/dev/null
    cp -R "$repo/bench/hugo/." "$site/"
    link_fallbacks "$site"

    amparo_cmd=("$amparo" build --root "$site" --out "$out_amparo")
    hugo_cmd=(hugo --minify --quiet -s "$site" -d "$out_hugo")
    floor_cmd=("$floor" --root "$site" --out "$out_floor")
    zola_args=()
    if [ -n "$zola" ] && [ "$kind" = translated ]; then
        zola_site "$site" "$site-zola"
        zola_cmd=("$zola" --root "$site-zola" build --output-dir "$site-zola/public" --force)
        checked_build Zola "$work/zola-$n.log" "${zola_cmd[@]}"
        pages_zola=$(html_files "$site-zola/public")
        zola_args=(--prepare "rm -rf $(printf %q "$site-zola/public")" --command-name zola "$(printf '%q ' "${zola_cmd[@]}")")
    fi

    # One build of each, checked, which also gives the page counts. Hugo's --quiet would hide
    # its error messages, so this build is not quiet.
    checked_build amparo "$work/amparo-$n.log" "${amparo_cmd[@]}"
    checked_build Hugo "$work/hugo-$n.log" hugo --minify -s "$site" -d "$out_hugo"
    pages_amparo=$(html_files "$out_amparo")
    pages_hugo=$(html_files "$out_hugo")

    times_amparo=()
    times_cold=()
    times_hugo=()
    times_floor=()
    times_zola=()
    for ((r = 1; r <= runs; r++)); do
        w=0
        [ "$r" -eq 1 ] && w=$warmup
        csv=$work/round-$n-$r.csv
        hyperfine --style basic --shell=none --warmup "$w" --runs 1 \
            --prepare "rm -rf $(printf %q "$out_amparo")" --command-name amparo "$(printf '%q ' "${amparo_cmd[@]}")" \
            --prepare "rm -rf $(printf %q "$out_amparo") $(printf %q "$site/.amparo/cache")" --command-name amparo-first "$(printf '%q ' "${amparo_cmd[@]}")" \
            --prepare "rm -rf $(printf %q "$out_hugo")" --command-name hugo "$(printf '%q ' "${hugo_cmd[@]}")" \
            --prepare "rm -rf $(printf %q "$out_floor")" --command-name floor "$(printf '%q ' "${floor_cmd[@]}")" \
            "${zola_args[@]}" \
            --export-csv "$csv" >&2 || die "hyperfine failed for $n pages"
        times_amparo+=("$(awk -F, '$1 == "amparo" { print $2 }' "$csv")")
        times_cold+=("$(awk -F, '$1 == "amparo-first" { print $2 }' "$csv")")
        times_hugo+=("$(awk -F, '$1 == "hugo" { print $2 }' "$csv")")
        times_floor+=("$(awk -F, '$1 == "floor" { print $2 }' "$csv")")
        [ "${#zola_args[@]}" -eq 0 ] || times_zola+=("$(awk -F, '$1 == "zola" { print $2 }' "$csv")")
    done
    wall_amparo=$(printf '%s\n' "${times_amparo[@]}" | median)
    wall_cold=$(printf '%s\n' "${times_cold[@]}" | median)
    wall_hugo=$(printf '%s\n' "${times_hugo[@]}" | median)
    wall_floor=$(printf '%s\n' "${times_floor[@]}" | median)

    rm -rf "$out_amparo" "$out_hugo" "$out_floor" "$site/.amparo/cache"
    /usr/bin/time -f %M -o "$work/rss-amparo" "${amparo_cmd[@]}" >/dev/null 2>&1 ||
        die "the amparo build failed under /usr/bin/time"
    /usr/bin/time -f %M -o "$work/rss-hugo" "${hugo_cmd[@]}" >/dev/null 2>&1 ||
        die "the Hugo build failed under /usr/bin/time"
    rss_amparo=$(tail -n 1 "$work/rss-amparo")
    zw=– zr=– zm=– zp=–
    if [ "${#zola_args[@]}" -gt 0 ]; then
        wall_zola=$(printf '%s\n' "${times_zola[@]}" | median)
        rm -rf "$site-zola/public"
        /usr/bin/time -f %M -o "$work/rss-zola" "${zola_cmd[@]}" >/dev/null 2>&1 ||
            die "the Zola build failed under /usr/bin/time"
        zw=$wall_zola zr=$(ratio "$wall_cold" "$wall_zola") zm=$(mb "$(tail -n 1 "$work/rss-zola")") zp=$pages_zola
    fi
    rss_hugo=$(tail -n 1 "$work/rss-hugo")

    rows+=("| $kind | $n × 4 | $wall_amparo | $wall_cold | $wall_hugo | $(ratio "$wall_amparo" "$wall_hugo") | $(ratio "$wall_cold" "$wall_hugo") | $zw | $zr | $wall_floor | $(ratio "$wall_amparo" "$wall_floor") | $(ratio "$wall_cold" "$wall_floor") | $(mb "$rss_amparo") | $(mb "$rss_hugo") | $(ratio "$rss_amparo" "$rss_hugo") | $zm | $pages_amparo | $pages_hugo | $zp |")
    echo "${rows[-1]}" >&2
    if [ "${KEEP:-0}" != 1 ]; then rm -rf "$site" "$site-zola"; fi
done
done

table=$(printf '%s\n' "$header" "${rows[@]}")
{
    echo "# amparo, Hugo and the floor, side by side"
    echo
    echo "Made by \`bench/compare.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores${cpu:+ ($cpu)}," \
        "$(hugo version | awk '{ print $1, $2 }'),${zola:+ $("$zola" --version),} $(hyperfine --version)."
    echo "Wall time: median of $runs alternating rounds after $warmup warm-up build(s) of each tool," \
        "output to a fresh folder on $(stat -f -c %T "$work")."
    echo "amparo rebuild: its cache (compressed zip entries, phone numbers checked) there from the build before; first build: that cache removed."
    echo "Peak RSS: one more build of each under GNU time (amparo's a first build)."
    echo
    echo "$table"
} >"$repo/bench/results.md"
echo
echo "$table"
echo
echo "(also written to bench/results.md)"

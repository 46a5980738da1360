#!/usr/bin/env bash
# What photos cost: a site with N phone photos (default 200), built cold (every image encoded)
# and again with the cache warm, with the bytes that go in and come out.
#
#   bash bench/photos.sh PHOTO.jpg [PHOTO.jpg ...]     # N=200 by default
#   N=50 RUNS=5 bash bench/photos.sh a.jpg b.jpg
#
# The photos given are used in turn; each copy gets a few different bytes after the image's
# end, so every one is a new image to the cache, as a site's real photos are. Ten photos go on
# each page. Builds use the release binary and a fresh output folder; times are wall clock.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${N:-200}
runs=${RUNS:-3}
[ "$#" -gt 0 ] || { echo "usage: bench/photos.sh PHOTO.jpg [PHOTO.jpg ...]" >&2; exit 1; }
(cd "$repo" && cargo build --release --quiet)
amparo="$repo/target/release/amparo"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
site="$work/site"
cp -r "$repo/tests/fixtures/minimal" "$site"
mkdir -p "$site/locales" "$site/content/fotos"
cp "$repo"/locales/{es,en}.toml "$site/locales/"
cp -r "$repo/themes" "$site/themes"
printf '+++\ntitle = "Fotos"\n+++\n' > "$site/content/fotos/_index.es.md"
photos=("$@")
in_bytes=0
for i in $(seq 1 "$n"); do
  src=${photos[$(( (i - 1) % ${#photos[@]} ))]}
  ext=${src##*.}
  dst="$site/content/fotos/foto-$i.${ext,,}"
  { cat "$src"; printf 'copy %08d' "$i"; } > "$dst"
  in_bytes=$(( in_bytes + $(stat -c %s "$dst") ))
  page=$(( (i - 1) / 10 + 1 ))
  md="$site/content/fotos/pagina-$page.es.md"
  [ -f "$md" ] || printf '+++\ntitle = "Página %d"\n+++\n\n' "$page" > "$md"
  printf '![Foto %d](foto-%d.%s)\n\n' "$i" "$i" "${ext,,}" >> "$md"
done

build() { # label
  local out="$work/out-$RANDOM"
  local start end
  start=$(date +%s.%N)
  "$amparo" build --root "$site" --out "$out" > "$work/last.log"
  end=$(date +%s.%N)
  rm -rf "$out"
  printf '%s %.2f s\n' "$1" "$(echo "$end - $start" | bc)"
}

echo "$n photos in, $(( in_bytes / 1024 )) KB"
for r in $(seq 1 "$runs"); do
  rm -rf "$site/.amparo/cache"
  build "cold build (every photo encoded), run $r:"
done
for r in $(seq 1 "$runs"); do
  build "rebuild with the cache warm, run $r:"
done
out="$work/out-final"
"$amparo" build --root "$site" --out "$out" | tail -1
jpeg=$(find "$out/media" -type f ! -name '*.webp' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
webp=$(find "$out/media" -type f -name '*.webp' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
echo "out: $(( jpeg / 1024 )) KB as JPEG/PNG fallbacks, $(( webp / 1024 )) KB as WebP (what a phone fetches)"

#!/usr/bin/env bash
# Size of what a browser downloads to show the portal's first page: index.html, the entry
# script, its preloaded modules and the stylesheet (raw and gzip -9), from web/dist as built by
# `npm run build`. Pages load their own chunks on demand and are listed for reference.
set -euo pipefail
cd "$(dirname "$0")/../web/dist"
first=(index.html $(grep -oE '(src|href)="/assets/[^"]+\.(js|css)"' index.html | sed -E 's/.*="\/(.*)"/\1/'))
raw=0; gz=0
for f in "${first[@]}"; do
  r=$(stat -c %s "$f"); g=$(gzip -9c "$f" | wc -c)
  raw=$((raw + r)); gz=$((gz + g))
  printf '  %-44s %8d B  gzip %7d B\n' "$f" "$r" "$g"
done
printf 'first load: %d B (%.1f KiB), gzip %d B (%.1f KiB)\n' "$raw" "$(echo "$raw/1024" | bc -l)" "$gz" "$(echo "$gz/1024" | bc -l)"
echo "chunks loaded on demand:"
for f in assets/*.js; do
  case " ${first[*]} " in *" $f "*) continue ;; esac
  printf '  %-44s %8d B  gzip %7d B\n' "$f" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done

#!/bin/sh
# Converts every SVG under a folder to PNG next to it, for looking at report charts.
#
#   scripts/render-charts.sh reports/2024-03-01_2024-03-31     # → …/charts/plays_daily.png, …
#   scripts/render-charts.sh DIR 2                              # at twice the size
#
# Needs rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin; macOS: brew install librsvg)
# and a CJK font for Chinese labels (Debian/Ubuntu: apt-get install fonts-noto-cjk).
set -eu

if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then
    echo "usage: $0 FOLDER [ZOOM]" >&2
    exit 2
fi
folder=$1
zoom=${2:-1}

if ! command -v rsvg-convert >/dev/null 2>&1; then
    echo "$0: rsvg-convert not found; install librsvg2-bin (apt-get install librsvg2-bin)" >&2
    exit 1
fi
if [ ! -d "$folder" ]; then
    echo "$0: $folder is not a folder" >&2
    exit 1
fi

count=0
failed=0
# -print0 / read -d '' is not POSIX; a temporary list handles names with spaces (not newlines).
list=$(mktemp)
trap 'rm -f "$list"' EXIT
find "$folder" -type f -name '*.svg' | sort >"$list"
while IFS= read -r svg; do
    png="${svg%.svg}.png"
    if rsvg-convert --zoom "$zoom" --background-color white --format png --output "$png" "$svg"; then
        echo "$png"
        count=$((count + 1))
    else
        echo "$0: failed to convert $svg" >&2
        failed=$((failed + 1))
    fi
done <"$list"

echo "converted $count SVG file(s) under $folder" >&2
[ "$failed" -eq 0 ]

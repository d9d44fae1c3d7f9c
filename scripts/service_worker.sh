#!/usr/bin/env bash
# Trunk's post-build hook: writes dist's service worker from static/sw.js, filling in
# this build's id (a hash of its files) and the list of files to cache, so the page
# works offline after one visit and a new release replaces the old cache cleanly.
set -euo pipefail
dir=${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}
cd "$dir"
files=$(find . -maxdepth 1 -type f ! -name sw.js ! -name '.*' -printf '%f\n' | LC_ALL=C sort)
build_id=$(printf '%s\n' "$files" | xargs cat | sha256sum | cut -c1-16)
list=$(printf '%s\n' "$files" | sed 's/.*/"&"/' | paste -sd, -)
sed -e "s/__BUILD_ID__/$build_id/" -e "s/__BUILD_FILES__/[$list]/" "$TRUNK_SOURCE_DIR/static/sw.js" > sw.js

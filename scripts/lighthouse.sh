#!/usr/bin/env bash
# Lighthouse 12 (npm, under .tools/) with its mobile defaults (throttled network, 4x
# CPU) against the release build served gzip-compressed: prints the four scores for the
# empty page and for a ready-made pattern opened from a shared link. Run `make build` first.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] || { echo "no release build in dist/: run make build first" >&2; exit 1; }
port=${LIGHTHOUSE_PORT:-8090}
node scripts/serve_dist.mjs "$port" dist &
server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 0.5
base="http://127.0.0.1:$port/"
pattern=$(cargo run --quiet --locked --release --bin dlab -- patterns --base "$base" | awk '!found && /ecommerce-pipeline/ { print $NF; found = 1 }')
[ -n "$pattern" ] || { echo "no link for the ecommerce-pipeline pattern from dlab patterns" >&2; exit 1; }
out=$(mktemp -d)
for page in empty pattern; do
    url=$base
    [ "$page" = pattern ] && url=$pattern
    CHROME_PATH=${CHROMIUM:-/usr/bin/chromium} .tools/node_modules/.bin/lighthouse "$url" --quiet \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
        --only-categories=performance,accessibility,best-practices,seo \
        --output=json --output-path="$out/$page.json" >/dev/null
    node -e '
        const r = require(process.argv[1]);
        const c = r.categories, a = r.audits;
        const score = (k) => Math.round(c[k].score * 100);
        console.log(`${process.argv[2].padEnd(8)} performance ${score("performance")}  accessibility ${score("accessibility")}  best practices ${score("best-practices")}  SEO ${score("seo")}  (LCP ${a["largest-contentful-paint"].displayValue}, TBT ${a["total-blocking-time"].displayValue}, transfer ${Math.round(a["total-byte-weight"].numericValue / 1024)} KiB)`);
        const failing = Object.values(c.accessibility.auditRefs).map((ref) => a[ref.id]).filter((x) => x.score !== null && x.score < 1).map((x) => x.id);
        if (failing.length) console.log(`         accessibility audits failing: ${failing.join(", ")}`);
    ' "$out/$page.json" "$page"
done
echo "reports: $out"

#!/usr/bin/env bash
# The main job on the sample article: import → segment → translate (local Apertium) → check →
# merge --draft → publish --draft, printing where the files went and, last, the bilingual page. Run from anywhere in the checkout; installs what
# it needs on Debian/Ubuntu (as root): Rust's cargo and Apertium's English-Spanish pair.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v cargo >/dev/null 2>&1 || need+=(cargo rustc)
command -v apertium >/dev/null 2>&1 || need+=(apertium-eng-spa)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
cargo build --release --quiet
puente=target/release/puente
out=out/demo
rm -rf "$out"
mkdir -p "$out"

# 1. The scraped article becomes a canonical Markdown article (dropped lines go to stderr).
"$puente" import examples/drone-strikes.en.txt -o "$out/drone-strikes.en.md"
# 2. The work file for the Spanish edition (PO; add --format xliff for CAT tools).
"$puente" segment "$out/drone-strikes.en.md" --to es -o "$out/drone-strikes.es.po"
# 3. Machine translation with the project glossary: names, terms and the quote register are
#    protected; every result is verified and written fuzzy, for a translator to review.
"$puente" translate "$out/drone-strikes.es.po"
# 4. QA: what a reviewer must look at (exit 1 means errors were found: expected for raw MT).
"$puente" check "$out/drone-strikes.es.po" > "$out/check.txt" || true
grep -v '^    ' "$out/check.txt" | grep -v '^$' | grep -v 'fuzzy' >&2 || true
# 5. The draft edition: machine translations are unreviewed, so merge needs --draft.
"$puente" merge "$out/drone-strikes.es.po" --draft -o "$out/drone-strikes.es.md"

# 6. The editions for editors: English, Spanish and bilingual pages, behind a DRAFT banner
#    (noindex) since the machine translation is unreviewed; publish prints the bilingual page.
bilingual=$("$puente" publish "$out/drone-strikes.en.md" "$out/drone-strikes.es.po" \
  --out "$out/site" --draft --date "$(date +%F)" 2>"$out/publish.txt")

echo "article:   $out/drone-strikes.en.md"
echo "work file: $out/drone-strikes.es.po"
echo "check:     $out/check.txt"
echo "draft:     $out/drone-strikes.es.md"
echo "site:      $out/site (en/, es/, bilingual/, Markdown, aligned JSON)"
echo "bilingual page: $bilingual"

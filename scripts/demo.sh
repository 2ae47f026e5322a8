#!/usr/bin/env bash
# The main job on the sample article: import → segment → merge --draft, printing where the
# files went. Run from anywhere in the checkout; installs what it needs on Debian/Ubuntu (as root).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: installing Rust from Debian's packages" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cargo rustc
fi
cargo build --release --quiet
puente=target/release/puente
out=out/demo
mkdir -p "$out"

# 1. The scraped article becomes a canonical Markdown article (dropped lines go to stderr).
"$puente" import examples/drone-strikes.en.txt -o "$out/drone-strikes.en.md"
# 2. The work file for the Spanish edition (PO; add --format xliff for CAT tools).
"$puente" segment "$out/drone-strikes.en.md" --to es -o "$out/drone-strikes.es.po"
# 3. Nothing is translated yet: merge --draft keeps the source text for every segment.
"$puente" merge "$out/drone-strikes.es.po" --draft -o "$out/drone-strikes.es.md"
# The invariant, visibly: an untranslated draft is the source, byte for byte.
cmp "$out/drone-strikes.en.md" "$out/drone-strikes.es.md" && echo "draft = source, byte for byte" >&2

echo "article:   $out/drone-strikes.en.md"
echo "work file: $out/drone-strikes.es.po"
echo "draft:     $out/drone-strikes.es.md"

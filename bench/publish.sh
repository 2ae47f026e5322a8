#!/usr/bin/env bash
# The publish figure through the real binary, whole process: `puente publish work/` over
# N generated stories (default 1,000; the sample article dated over a year of days, each with
# its reviewed work file), the index rebuilt once; then, for comparison, the same stories
# published one process at a time (`puente publish ARTICLE WORKFILE`, each rebuilding the
# index) when --loop is given.
# Usage: bash bench/publish.sh [COUNT] [--loop]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
cargo build --release --quiet
bin="$PWD/target/release/puente"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" "$count" <<'PY'
import hashlib, os, sys
out, count = sys.argv[1], int(sys.argv[2])
md0 = open("tests/fixtures/drone-strikes.en.md", encoding="utf-8").read()
po0 = open("tests/fixtures/drone-strikes.es.po", encoding="utf-8").read()
old = "83ea59adc8b66a072618f33d33d39c4f393e8692cf512202f430ce91876ed917"
os.makedirs(os.path.join(out, "work"))
for i in range(count):
    date = "2026-%02d-%02d" % (i % 12 + 1, i % 28 + 1)
    md = md0.replace("lang: en\n", "lang: en\ndate: %s\n" % date, 1)
    po = po0.replace("X-Puente-Source: drone-strikes.en.md", "X-Puente-Source: s%d.en.md" % i, 1)
    po = po.replace(old, hashlib.sha256(md.encode()).hexdigest(), 1)
    open(os.path.join(out, "work", "s%d.en.md" % i), "w", encoding="utf-8").write(md)
    open(os.path.join(out, "work", "s%d.es.po" % i), "w", encoding="utf-8").write(po)
PY
glossary="$PWD/glossary"
cd "$dir"
start=$(date +%s.%N)
"$bin" publish work/ --out site --glossary "$glossary" >/dev/null
end=$(date +%s.%N)
echo "puente publish work/: $count stories in $(echo "$end - $start" | bc) s (one process, the index rebuilt once)"
if [ "${2:-}" = "--loop" ]; then
  rm -rf site
  start=$(date +%s.%N)
  for ((i = 0; i < count; i++)); do
    "$bin" publish "work/s$i.en.md" "work/s$i.es.po" --out site --glossary "$glossary" -q >/dev/null
  done
  end=$(date +%s.%N)
  echo "puente publish ARTICLE WORKFILE, $count processes: $(echo "$end - $start" | bc) s (the index rebuilt by each)"
fi

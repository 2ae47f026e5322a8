#!/usr/bin/env bash
# Measures every figure of the core issue on this machine:
#   1. split throughput on English news text (criterion, MB/s);
#   2. segment + merge --draft of 10,000 articles (~80 MB), through files;
#   3. peak memory of the CLI on one large article, against the article's size;
#   4. segmentation accuracy on the golden core cases.
# Usage: bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
echo "== split throughput (criterion)"
cargo bench --quiet --bench pipeline -- --noplot split 2>&1 | grep -E 'time:|thrpt:' || true
echo "== corpus: 10,000 articles"
cargo bench --quiet --bench corpus
echo "== peak memory of the CLI on a large article"
python3 - <<'PY'
import os, resource, subprocess, tempfile
body = open("tests/fixtures/drone-strikes.en.md").read()
head, rest = body.split("\n---\n", 1)
with tempfile.TemporaryDirectory() as d:
    src = os.path.join(d, "big.en.md")
    with open(src, "w") as f:
        f.write(head + "\n---\n" + rest * 1000)
    size = os.path.getsize(src)
    exe = os.path.abspath("target/release/puente")
    def run(*args):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        subprocess.run([exe, *args], cwd=d, check=True, capture_output=True)
        return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    seg = run("segment", "big.en.md", "-o", "big.es.po")
    mer = run("merge", "big.es.po", "--draft", "-o", "out.md")
    print(f"article {size/1e6:.1f} MB; peak RSS segment {seg/1e3:.1f} MB ({seg*1024/size:.2f}x), "
          f"merge --draft {mer/1e3:.1f} MB ({mer*1024/size:.2f}x) (ru_maxrss is a high-water mark across both)")
PY
echo "== segmentation accuracy (golden core cases)"
cargo test --release --quiet --test it segmentation -- --nocapture 2>&1 | grep -E '^(en|es):'

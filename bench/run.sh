#!/usr/bin/env bash
# Measures every figure of the core issue on this machine:
#   1. split throughput on English news text (criterion, MB/s);
#   2. segment + merge --draft of 10,000 articles (~80 MB), through files;
#   2b. segment + merge of a folder of 1,000 and 10,000 articles in one run, against a loop;
#   2c. segment, merge, check and publish of folders beside txt2po, po2txt, pofilter and po4a;
#   2d. one 52 MB article merged; check's peak memory in every report format;
#   3. peak memory of the CLI on one large article, against the article's size;
#   4. check over 100,000 segments with a 5,000-entry glossary, and pofilter on the same files;
#   5. segmentation: exact match and boundary F1 on the golden core and the real-text sets;
#   6. check's recall and false alarms on the four direction case files;
#   7. machine translation accepted on the sample article with emphasis, both directions.
# Usage: bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
echo "== split throughput (criterion)"
cargo bench --quiet --bench pipeline -- --noplot split 2>&1 | grep -E 'time:|thrpt:' || true
echo "== corpus: 10,000 articles"
cargo bench --quiet --bench corpus
echo "== folders in one run: segment corpus/ then merge work/, against a shell loop of single runs"
python3 bench/many.py --articles 1000 10000 --loop-max 1000
echo "== the peers side by side at 1,000 and 10,000 articles (peers scaled from 1,000, po4a from 200)"
python3 bench/peers.py --dir /dev/shm --peer-max 1000 --po4a-max 200
echo "== one huge article: segment and merge, time and peak memory"
python3 bench/huge.py
echo "== check's peak memory in every report format at 1,000 and 10,000 articles"
python3 bench/checkmem.py
echo "== peak memory of the CLI on a large article"
python3 bench/memory.py
echo "== check: 100,000 segments, 5,000-entry glossary (criterion, in process)"
cargo bench --quiet --bench pipeline -- --noplot check 2>&1 | grep -E 'time:|thrpt:' || true
echo "== check through the CLI, and Translate Toolkit's pofilter on the same files"
python3 bench/check.py
echo "== translate: 1,000 segments against a local server (100 ms per request, and instant)"
cargo bench --quiet --bench mt -- --noplot 2>&1 | grep -E 'time:|thrpt:' || true
echo "== Apertium on the sample article: binary and APy; placeholder survival"
python3 bench/apertium.py
cargo bench --quiet --bench survival
echo "== translation memory: 1,000,000-unit TMX import, fuzzy lookup p95 (takes a few minutes)"
cargo bench --quiet --bench tm
echo "== the memory on PostgreSQL beside SQLite: import, fuzzy p95, eight writers (a private cluster)"
cargo bench --quiet --bench pgmemory
echo "== segment --update over 10,000 revised articles"
cargo bench --quiet --bench update
echo "== publish: 1,000 stories, every output"
cargo bench --quiet --bench publish
echo "== reliability: work-file growth, giving up on a dead engine"
python3 bench/faults.py
echo "== check cases: recall and false alarms in both directions"
python3 bench/cases.py --puente "$PWD/target/release/puente" | grep -E '^(==|recall|false alarms)'
echo "== machine translation with emphasis, sample article, both directions (Apertium)"
PUENTE="$PWD/target/release/puente" bash bench/mt-accept.sh
echo "== segmentation: golden core and real text (exact, P, R, F1)"
cargo test --release --quiet --test it segmentation -- --nocapture 2>&1 | grep -E '^(en|es):'

#!/usr/bin/env python3
"""Folders in one run: whole-process `puente segment corpus/` then `puente merge work/` on
1,000 and 10,000 generated articles, side by side with a shell loop of single-file runs (one
process, config load and memory transaction per story), with wall time and peak memory
(`/usr/bin/time -v`, the largest process of the run).

The corpus is bench/corpus.py's (benches/corpus.rs's): the sample article with a sentence of
its own at the top (`Story N opens here. It has N readers.`), about 7.8 KB each, in a project
going English into Spanish. Between the two steps every work file is filled with reviewed
"translations" (`ES: ` and the source), untimed, so that merge passes its gate and feeds the
memory.

Usage: python3 bench/many.py [--articles 1000 10000] [--loop-max 1000] [--dir /dev/shm]
                            [--threads N]
Needs a release build (cargo build --release). The loop is timed only up to --loop-max
articles (a loop of 10,000 takes minutes); its growth is linear.

--threads N runs puente with a pool of N threads (RAYON_NUM_THREADS), as on a machine or in a
container with N cores: with one, a folder merge once kept every batch's work files to the end
(278 MiB at 10,000 articles), since the pool that was to free them was the one making the
next batches.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

from corpus import PUENTE, make_project, review_all, timed


def units(path):
    p = subprocess.run([PUENTE, "tm", "stats", "--format", "json"], cwd=path,
                       capture_output=True, text=True)
    return sum(int(n) for n in re.findall(r'"units":(\d+)', p.stdout))


def measure(base, count, loop):
    """Times one way of working on a fresh project; returns its figures."""
    path = tempfile.mkdtemp(prefix=f"many-{count}-", dir=base)
    try:
        size = make_project(path, count)
        if loop:
            seg = 'for f in corpus/*.md; do "$P" segment "$f" || exit 2; done'
            mer = 'for f in work/*.po; do "$P" merge "$f" || exit 2; done'
        else:
            seg = '"$P" segment corpus'
            mer = '"$P" merge work'
        os.environ["P"] = PUENTE
        s = timed(seg, path)
        review_all(path)
        m = timed(mer, path)
        return size, s, m, units(path)
    finally:
        shutil.rmtree(path, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, nargs="+", default=[1_000, 10_000])
    ap.add_argument("--loop-max", type=int, default=1_000)
    ap.add_argument("--dir", default=None, help="where the projects go (default: $TMPDIR)")
    ap.add_argument("--threads", type=int, default=None,
                    help="puente's pool of threads (default: one per core)")
    args = ap.parse_args()
    if args.threads is not None:
        os.environ["RAYON_NUM_THREADS"] = str(args.threads)
    if not os.path.exists(PUENTE):
        sys.exit("build first: cargo build --release")
    print(f"cores: {os.cpu_count()}, threads: {args.threads or 'one per core'}")
    print(f"{'articles':>8} {'MB':>6} {'how':>12} {'segment s':>10} {'MiB':>6} "
          f"{'merge s':>8} {'MiB':>6} {'total s':>8} {'units':>7}")
    for count in args.articles:
        ways = [("one run", False)] + ([("shell loop", True)] if count <= args.loop_max else [])
        for how, loop in ways:
            size, (ss, sm), (ms, mm), n = measure(args.dir, count, loop)
            print(f"{count:>8} {size / 1e6:>6.1f} {how:>12} {ss:>10.2f} {sm:>6.1f} "
                  f"{ms:>8.2f} {mm:>6.1f} {ss + ms:>8.2f} {n:>7}", flush=True)


if __name__ == "__main__":
    main()

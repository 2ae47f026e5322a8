#!/usr/bin/env python3
"""`puente check` over 100,000 translated segments with a 5,000-entry glossary, on one core,
side by side with Translate Toolkit's `pofilter` on the same files.

The corpus is the reviewed Spanish translation of the sample article (54 segments) copied
until it holds 100,000 segments; the glossary is the project's plus 5,000 synthetic
entries. Both tools read the same PO files; the best of three runs is reported.

Usage: python3 bench/check.py [--segments N] [--no-pofilter]
Needs a release build (cargo build --release) and, for the comparison, translate-toolkit.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PUENTE = os.path.join(ROOT, "target", "release", "puente")
REVIEWED = os.path.join(ROOT, "tests", "fixtures", "drone-strikes.es.po")


def synthetic_glossary(path, n):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(
                f'[[term]]\nid = "t{i}"\nen = ["term{i} alpha", "terms{i} alpha"]\n'
                f'es = ["término{i} alfa"]\nforbidden = {{ es = ["termino{i} alfa"] }}\n'
            )


def best_of(runs, argv, cwd, env=None):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        p = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if p.returncode not in (0, 1):
            sys.exit(f"{argv[0]} failed ({p.returncode}): {p.stderr.decode()[:500]}")
    return min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--segments", type=int, default=100_000)
    ap.add_argument("--glossary", type=int, default=5_000)
    ap.add_argument("--no-pofilter", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(PUENTE):
        sys.exit("build first: cargo build --release")

    work = tempfile.mkdtemp(prefix="puente-check-bench-")
    try:
        with open(REVIEWED, encoding="utf-8") as f:
            po = f.read()
        per_file = po.count("\nmsgctxt ")
        files = -(-args.segments // per_file)
        os.makedirs(os.path.join(work, "work"))
        # A newsroom's project: inside one, the glossary is kept parsed in .puente/ between
        # runs, as a pre-commit hook meets it.
        with open(os.path.join(work, "puente.toml"), "w", encoding="utf-8") as f:
            f.write('[project]\nsource = "en"\ntarget = "es"\n')
        for i in range(files):
            with open(os.path.join(work, "work", f"story{i:05}.es.po"), "w",
                      encoding="utf-8") as f:
                f.write(po)
        gdir = os.path.join(work, "glossary")
        os.makedirs(gdir)
        for name in ("terms.toml", "names.toml", "quotes.toml"):
            shutil.copy(os.path.join(ROOT, "glossary", name), gdir)
        synthetic_glossary(os.path.join(gdir, "synthetic.toml"), args.glossary)
        segments = files * per_file
        size = sum(os.path.getsize(os.path.join(work, "work", n))
                   for n in os.listdir(os.path.join(work, "work")))
        print(f"corpus: {files} work files, {segments} segments, {size / 1e6:.1f} MB; "
              f"glossary: {args.glossary} synthetic entries + the project's")

        # One core: puente is single-threaded; taskset makes it explicit where available.
        pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
        t_puente = best_of(3, pin + [PUENTE, "check", "work", "--glossary", "glossary",
                                     "--format", "json"], work)
        print(f"puente check: {t_puente:.3f} s ({segments / t_puente:,.0f} segments/s)")
        # One story, as a pre-commit hook checks it: the glossary's load and automatons are
        # most of such a run (best of five, whole process).
        # The first run parses the glossary and keeps it; the best of five is a run that
        # reads it back. On one core and on every core (the two automatons are built at once).
        one = os.path.join("work", "story00000.es.po")
        argv = [PUENTE, "check", one, "--glossary", "glossary", "--format", "json"]
        t_one = best_of(5, pin + argv, work)
        t_one_all = best_of(5, argv, work)
        print(f"puente check, one story ({per_file} segments): {t_one * 1000:.0f} ms on one "
              f"core, {t_one_all * 1000:.0f} ms on every core")
        shutil.rmtree(os.path.join(work, ".puente"))
        t_cold = best_of(1, argv, work)
        print(f"puente check, one story, glossary parsed (first run): {t_cold * 1000:.0f} ms")

        if args.no_pofilter or not shutil.which("pofilter"):
            return
        out = os.path.join(work, "pofilter-out")
        t_pofilter = best_of(1, pin + ["pofilter", "--progress=none", "-i", "work", "-o", out],
                             work)
        print(f"pofilter:     {t_pofilter:.3f} s ({segments / t_pofilter:,.0f} segments/s)")
        print(f"ratio: puente check is {t_pofilter / t_puente:.1f}x faster than pofilter "
              f"(which runs its own default tests, with no glossary)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""`puente check` of a whole folder in each report format (human, json, sarif, junit), to
standard output and with `-o FILE`, on 1,000 and 10,000 generated articles with a 5,000-term
glossary: whole-process wall time and peak memory (`/usr/bin/time -v`), and how each grows
from the smaller corpus to the larger (the exponent k in time or memory ∝ articles^k).

A check reports each batch of files as soon as it is checked, so its memory should stay flat
in the number of files, whatever the format.

The corpus is bench/many.py's (`make_project`, segmented in one run, then `review_all`:
every segment "translated" as `ES: ` and its source, which keeps the English quotation marks,
so every work file has findings, about seven); the glossary is bench/check.py's
`synthetic_glossary`.

Usage: python3 bench/checkmem.py [--articles 1000 10000] [--puente PATH] [--dir /dev/shm]
Needs a release build (cargo build --release), or --puente naming another build to compare.
"""

import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check import synthetic_glossary  # noqa: E402
from many import PUENTE, make_project, review_all  # noqa: E402

FORMATS = ["human", "json", "sarif", "junit"]


def timed(argv, cwd):
    """Runs `argv` under /usr/bin/time -v, its standard output thrown away; returns (wall
    seconds, peak RSS in MiB). A check with findings exits 1; anything else is a failure."""
    p = subprocess.run(["/usr/bin/time", "-v", *argv], cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    status = re.search(r"Exit status: (\d+)", p.stderr)
    if not status or int(status.group(1)) not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed:\n{p.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
    hours, minutes, seconds = wall.groups()
    secs = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return secs, rss / 1024


def prepare(base, count, puente):
    """A project with `count` reviewed work files and a 5,000-term glossary."""
    path = tempfile.mkdtemp(prefix=f"checkmem-{count}-", dir=base)
    make_project(path, count)
    subprocess.run([puente, "segment", "corpus"], cwd=path, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    review_all(path)
    os.makedirs(os.path.join(path, "glossary"))
    synthetic_glossary(os.path.join(path, "glossary", "synthetic.toml"), 5_000)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, nargs="+", default=[1_000, 10_000])
    ap.add_argument("--puente", default=PUENTE)
    ap.add_argument("--dir", default=None, help="where the projects go (default: $TMPDIR)")
    args = ap.parse_args()
    if not os.path.exists(args.puente):
        sys.exit("build first: cargo build --release")
    print(f"puente: {args.puente}; cores: {os.cpu_count()}")
    print(f"{'articles':>8} {'format':>6} {'to':>6} {'wall s':>7} {'MiB':>7} {'report MB':>9}")
    figures = {}
    for count in args.articles:
        path = prepare(args.dir, count, args.puente)
        try:
            for fmt in FORMATS:
                for to in ("stdout", "file"):
                    argv = [args.puente, "check", "work", "--glossary", "glossary",
                            "--format", fmt]
                    if to == "file":
                        argv += ["-o", "report.out"]
                    secs, mib = timed(argv, path)
                    size = ""
                    if to == "file":
                        size = f"{os.path.getsize(os.path.join(path, 'report.out')) / 1e6:.1f}"
                        os.remove(os.path.join(path, "report.out"))
                    figures[(count, fmt, to)] = (secs, mib)
                    print(f"{count:>8} {fmt:>6} {to:>6} {secs:>7.2f} {mib:>7.1f} {size:>9}",
                          flush=True)
        finally:
            shutil.rmtree(path, ignore_errors=True)
    if len(args.articles) >= 2:
        small, large = args.articles[0], args.articles[-1]
        scale = math.log(large / small)
        print(f"growth from {small} to {large} articles (k: figure ∝ articles^k)")
        for fmt in FORMATS:
            for to in ("stdout", "file"):
                (t0, m0), (t1, m1) = figures[(small, fmt, to)], figures[(large, fmt, to)]
                print(f"  {fmt:>6} {to:>6}: time k = {math.log(t1 / t0) / scale:.2f}, "
                      f"memory k = {math.log(m1 / m0) / scale:.2f}")


if __name__ == "__main__":
    main()

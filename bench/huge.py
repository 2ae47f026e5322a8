#!/usr/bin/env python3
"""One huge article: whole-process `puente segment`, `puente merge` and `puente publish` of a
single article of about 52 MB, with wall time and peak memory (`/usr/bin/time -v`), beside the
sizes of the inputs (ARCHITECTURE.md promises memory under three times the largest input).

The article is the sample's front matter, then the sample's body repeated, each copy opened by
a sentence of its own (`Story N opens here.`), in a project going English into Spanish. Between
segment and merge every msgstr is filled with a reviewed "translation" (`ES: ` and the source),
untimed, so that merge passes its gate and feeds the memory. Publish (--publish) runs with
--draft: the fake translations break Spanish quote style, which would stop the final gate. With --po2txt, Translate Toolkit's
`po2txt -t ARTICLE WORKFILE OUT` runs on the same files for comparison (it matches whole
paragraphs, so it finds few of puente's sentences; it is timed as the peer, not checked).

Usage: python3 bench/huge.py [--mb 52] [--dir /dev/shm] [--po2txt] [--publish] [--keep]
                             [--puente PATH]...
Needs a release build (cargo build --release). Each --puente (default: target/release/puente)
merges the same work file in turn (another build to compare with, say); CPU seconds (user +
system) are printed beside the wall time, which a busy machine stretches.
"""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PUENTE = os.path.join(ROOT, "target", "release", "puente")
SAMPLE = os.path.join(ROOT, "tests", "fixtures", "drone-strikes.en.md")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import review_po  # noqa: E402


def make_project(path, megabytes):
    """A project with `huge.en.md` of about `megabytes` MB; returns its size in bytes."""
    with open(os.path.join(path, "puente.toml"), "w", encoding="utf-8") as f:
        f.write('[project]\nsource = "en"\ntarget = "es"\n\n[limits]\nmax_input_size = "256 MiB"\n')
    with open(SAMPLE, encoding="utf-8") as f:
        sample = f.read()
    end = sample.index("\n---\n", 4) + 5
    head, body = sample[:end], sample[end:]
    parts, size, n = [head], len(head.encode("utf-8")), 0
    while size < megabytes * 1_000_000:
        part = f"\nStory {n} opens here. It has {n} readers.\n{body}"
        parts.append(part)
        size += len(part.encode("utf-8"))
        n += 1
    data = "".join(parts).encode("utf-8")
    with open(os.path.join(path, "huge.en.md"), "wb") as f:
        f.write(data)
    return len(data)


def timed(args, cwd):
    """Runs `args` under /usr/bin/time -v; returns (wall seconds, CPU seconds, peak RSS in
    MiB)."""
    p = subprocess.run(
        ["/usr/bin/time", "-v"] + args,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if p.returncode != 0:
        sys.exit(f"`{' '.join(args)}` failed ({p.returncode}):\n{p.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
    hours, minutes, seconds = wall.groups()
    secs = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    cpu = sum(float(re.search(rf"{k} time \(seconds\): ([\d.]+)", p.stderr).group(1))
              for k in ("User", "System"))
    return secs, cpu, rss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=52, help="the article's size in MB")
    ap.add_argument("--dir", default=None, help="where the project goes (default: $TMPDIR)")
    ap.add_argument("--po2txt", action="store_true", help="time po2txt on the same files")
    ap.add_argument("--publish", action="store_true", help="time publish of the work file too")
    ap.add_argument("--keep", action="store_true", help="keep the project, print its path")
    ap.add_argument("--puente", action="append", help="a puente binary (more than one: each)")
    args = ap.parse_args()
    binaries = [os.path.abspath(b) for b in args.puente or [PUENTE]]
    for b in binaries:
        if not os.path.exists(b):
            sys.exit(f"{b}: build first: cargo build --release")
    path = tempfile.mkdtemp(prefix="huge-", dir=args.dir)
    try:
        size = make_project(path, args.mb)
        po = os.path.join("work", "huge.es.po")
        def row(name, binary, args):
            secs, cpu, mib = timed(args, path)
            print(f"{name:>8} {secs:>8.2f} {cpu:>7.2f} {mib:>9.1f}  {binary}", flush=True)

        print(f"{'command':>8} {'wall s':>8} {'CPU s':>7} {'peak MiB':>9}  binary")
        row("segment", binaries[0], [binaries[0], "segment", "huge.en.md"])
        review_po(os.path.join(path, po))
        po_size = os.path.getsize(os.path.join(path, po))
        largest = max(size, po_size) / 2**20
        print(f"article {size / 1e6:.1f} MB, work file {po_size / 1e6:.1f} MB, "
              f"3x the largest input: {3 * largest:.0f} MiB", flush=True)
        editions = set()
        for b in binaries:
            # Each merge starts from an empty memory, as the first merge of the story does.
            shutil.rmtree(os.path.join(path, ".puente"), ignore_errors=True)
            row("merge", b, [b, "merge", po])
            with open(os.path.join(path, "huge.es.md"), "rb") as f:
                editions.add(hashlib.sha256(f.read()).hexdigest())
        if len(editions) > 1:
            sys.exit("the binaries' editions differ")
        for b in binaries if args.publish else []:
            shutil.rmtree(os.path.join(path, "site"), ignore_errors=True)
            row("publish", b, [b, "publish", "huge.en.md", po, "--draft", "--out", "site"])
        if args.po2txt:
            row("po2txt", "po2txt", ["po2txt", "-t", "huge.en.md", po, "po2txt.out"])
    finally:
        if args.keep:
            print(f"kept: {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()

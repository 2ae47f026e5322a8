#!/usr/bin/env python3
"""Folders in one run: whole-process `puente segment corpus/` then `puente merge work/` on
1,000 and 10,000 generated articles, side by side with a shell loop of single-file runs (one
process, config load and memory transaction per story), with wall time and peak memory
(`/usr/bin/time -v`, the largest process of the run).

The corpus is benches/corpus.rs's: the sample article with a sentence of its own at the top
(`Story N opens here. It has N readers.`), about 5.2 KB each, in a project going English into
Spanish. Between the two steps every work file is filled with reviewed "translations"
(`ES: ` and the source), untimed, so that merge passes its gate and feeds the memory.

Usage: python3 bench/many.py [--articles 1000 10000] [--loop-max 1000] [--dir /dev/shm]
Needs a release build (cargo build --release). The loop is timed only up to --loop-max
articles (a loop of 10,000 takes minutes); its growth is linear.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PUENTE = os.path.join(ROOT, "target", "release", "puente")
SAMPLE = os.path.join(ROOT, "tests", "fixtures", "drone-strikes.en.md")


def make_project(path, count):
    """A project with `corpus/` holding `count` articles; returns their total size."""
    os.makedirs(os.path.join(path, "corpus"))
    with open(os.path.join(path, "puente.toml"), "w", encoding="utf-8") as f:
        f.write('[project]\nsource = "en"\ntarget = "es"\n')
    with open(SAMPLE, encoding="utf-8") as f:
        sample = f.read()
    end = sample.index("\n---\n", 4) + 5
    head, body = sample[:end], sample[end:]
    total = 0
    for i in range(count):
        text = f"{head}\nStory {i} opens here. It has {i} readers.\n{body}"
        data = text.encode("utf-8")
        total += len(data)
        with open(os.path.join(path, "corpus", f"a{i}.en.md"), "wb") as f:
            f.write(data)
    return total


def review_all(path):
    """Fills every empty msgstr of the project's work files (untimed)."""
    work = os.path.join(path, "work")
    for name in os.listdir(work):
        po = os.path.join(work, name)
        with open(po, encoding="utf-8") as f:
            lines = f.read().split("\n")
        out, msgid = [], ""
        for line in lines:
            if line.startswith('msgid "') and line.endswith('"'):
                msgid = line[7:-1]
            if line == 'msgstr ""' and msgid:
                out.append(f'msgstr "ES: {msgid}"')
            else:
                out.append(line)
        with open(po, "w", encoding="utf-8") as f:
            f.write("\n".join(out))


def timed(script, cwd):
    """Runs `script` under /usr/bin/time -v; returns (wall seconds, peak RSS in MiB)."""
    p = subprocess.run(
        ["/usr/bin/time", "-v", "bash", "-c", script],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if p.returncode != 0:
        sys.exit(f"`{script}` failed ({p.returncode}):\n{p.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
    hours, minutes, seconds = wall.groups()
    secs = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return secs, rss / 1024


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
    args = ap.parse_args()
    if not os.path.exists(PUENTE):
        sys.exit("build first: cargo build --release")
    print(f"cores: {os.cpu_count()}")
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

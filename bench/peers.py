#!/usr/bin/env python3
"""puente side by side with its peers on a folder of generated articles (issue 17, item 6):
whole-process wall time, CPU time and peak memory (each step run under `/usr/bin/time -v`) at
1,000 and 10,000 articles, the ratio of each peer to puente, and the growth exponent of each
command.

    segment  puente segment corpus        txt2po -i corpus -o tt-po (Translate Toolkit)
                                          po4a-updatepo per article (po4a)
    merge    puente merge work            po2txt -t corpus-txt -i tt-po -o tt-out
                                          po4a-translate per article
    check    puente check work            pofilter -i work -o pofilter-out
             (5,000-term glossary)        (its default tests; it has no glossary)
    publish  puente publish work --out site   (no peer)

The corpus is bench/corpus.py's (the sample article with a sentence of its own at the top,
about 7.8 KB each) in a project going English into Spanish, whose glossary folder holds
bench/check.py's 5,000 synthetic terms. Between the steps every PO file of every tool is
filled with "translations" (`ES: ` and the source), untimed: puente's work files by
bench/corpus.py's review_all, the peers' by fill_po; so merge passes its gate and feeds the
memory, and check, pofilter and publish see translated files. pofilter reads puente's own
filled work files, the very files puente checks.

How each peer is run, as it is normally run on a folder:
- txt2po and po2txt take folders. txt2po reads any extension (`corpus/*.md`) and keeps the
  YAML front matter as one plain-text unit; po2txt finds a template only under the name
  `NAME.txt`, so its templates are the articles hard-linked as `corpus-txt/aN.en.txt`
  (untimed). Their units are paragraphs, not sentences.
- po4a has no folder mode for po4a-updatepo and po4a-translate (its unified `po4a` wants a
  config file listing every document), so both run once per article in a shell loop:
  `po4a-updatepo -f text -o markdown -m corpus/aN.en.md -p po4a/aN.po` and
  `po4a-translate -f text -o markdown -m corpus/aN.en.md -p po4a/aN.po -l po4a-out/aN.es.md
  -k 0`. `-o markdown` is needed for Markdown: with it po4a reads the YAML front matter
  (its values become units), without it the front matter is one paragraph. `-k 0` writes an
  output whatever the share translated (80 % by default).

The wall time is the clock around the step's process (or loop); the CPU time is its user
and system time (children included), which other work on the machine disturbs much less:
on a loaded machine the wall time says more about the load than about the tool, and puente
(on all cores) loses more of it than the single-threaded peers. The ratio column and the
flags use the wall time, as the issue's figures do; a flag gives the CPU ratio beside it.
Peak memory is that of the largest single process of a step (for a loop, its largest child).
The growth exponent is log(t_large / t_small) / log(large / small) between the smallest and
the largest --articles (log(t10k / t1k) / log(10) by default). A peer is timed only up to
--peer-max articles (po4a up to --po4a-max, default the same): beyond it, it runs on the
first --peer-max articles (hard links) and its time is scaled linearly, marked `*` (its
memory is the measured one, marked `~`), and its growth is then 1 by construction. A loop of
po4a takes about 0.1 s per article and step (20 to 40 minutes at 10,000), pofilter about
45 ms per article. Printed flags: a puente command whose growth exceeds 1.05 or whose peak memory
grows with the articles (exponent over 0.1), a step where puente is less than 10x the best
peer (check: less than 300x pofilter), and segment + merge at 10,000 articles taking 5 s or
more (the issue's figures).

Usage: python3 bench/peers.py [--articles 1000 10000] [--quick] [--dir /dev/shm]
                              [--peer-max 10000] [--po4a-max N] [--no-peers]
                              [--steps segment merge check publish]
--quick is --articles 100 1000. Needs a release build (cargo build --release), Translate
Toolkit (txt2po, po2txt, pofilter) and po4a (apt-get install po4a). PUENTE_BIN=PATH times
another build of puente (to compare two builds in the same conditions, one after the other).
"""

import argparse
import math
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check import synthetic_glossary  # noqa: E402
from corpus import PUENTE, make_project, review_all, timed_cpu  # noqa: E402

GLOSSARY_TERMS = 5_000

# (step, tool, command); the command runs in the project folder with $P set to puente and
# $N4 to the number of articles po4a runs on (the folder tools get a folder of their size).
# `check` exits 1 on findings.
PUENTE_STEPS = {
    "segment": '"$P" segment corpus',
    "merge": '"$P" merge work',
    "check": '"$P" check work',
    "publish": '"$P" publish work --out site',
}
PEER_STEPS = [
    ("segment", "txt2po", "txt2po --progress=none -i corpus-peer -o tt-po"),
    ("segment", "po4a-updatepo",
     'mkdir -p po4a && for ((i = 0; i < $N4; i++)); do po4a-updatepo -f text -o markdown '
     '-M UTF-8 -m corpus/a$i.en.md -p po4a/a$i.po >/dev/null 2>&1 || exit 2; done'),
    ("merge", "po2txt", "po2txt --progress=none -t corpus-txt -i tt-po -o tt-out"),
    ("merge", "po4a-translate",
     'mkdir -p po4a-out && for ((i = 0; i < $N4; i++)); do po4a-translate -f text -o markdown '
     '-M UTF-8 -L UTF-8 -k 0 -m corpus/a$i.en.md -p po4a/a$i.po '
     '-l po4a-out/a$i.es.md >/dev/null 2>&1 || exit 2; done'),
    ("check", "pofilter", "pofilter --progress=none -i work-peer -o pofilter-out"),
]
STEPS = ["segment", "merge", "check", "publish"]


def fill_po(path):
    """Fills every empty msgstr of a PO file with `ES: ` and its msgid, continuation lines
    included (the peers write long msgids over several lines)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out, msgid, in_id = [], [], False
    for i, line in enumerate(lines):
        if line.startswith("msgid "):
            msgid, in_id = [line[6:]], True
        elif in_id and line.startswith('"'):
            msgid.append(line)
        else:
            in_id = False
            empty = line == 'msgstr ""' and not (i + 1 < len(lines)
                                                 and lines[i + 1].startswith('"'))
            if empty and msgid and msgid != ['""']:
                out.append('msgstr "ES: ' + msgid[0][1:])
                out.extend(msgid[1:])
                continue
        out.append(line)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def fill_folder(folder):
    for name in os.listdir(folder):
        if name.endswith(".po"):
            fill_po(os.path.join(folder, name))


def link_subset(src, dst, names):
    """Hard-links `names` from `src` into a new folder `dst` (untimed, no copy)."""
    os.makedirs(dst)
    for old, new in names:
        os.link(os.path.join(src, old), os.path.join(dst, new))


def measure(base, count, peer_max, po4a_max, peers, steps=STEPS):
    """One fresh project of `count` articles through every step; returns
    ({(step, tool): (wall s, CPU s, MiB, scale)}, corpus size). scale > 1: the tool ran on
    count / scale articles, and its times are multiplied by scale."""
    path = tempfile.mkdtemp(prefix=f"peers-{count}-", dir=base)
    try:
        size = make_project(path, count)
        gdir = os.path.join(path, "glossary")
        os.makedirs(gdir)
        synthetic_glossary(os.path.join(gdir, "synthetic.toml"), GLOSSARY_TERMS)
        n = min(count, peer_max)
        os.environ["P"] = PUENTE
        n4 = min(count, po4a_max)
        os.environ["N4"] = str(n4)
        corpus = os.path.join(path, "corpus")
        if peers:
            link_subset(corpus, os.path.join(path, "corpus-peer"),
                        [(f"a{i}.en.md", f"a{i}.en.md") for i in range(n)])
            link_subset(corpus, os.path.join(path, "corpus-txt"),
                        [(f"a{i}.en.md", f"a{i}.en.txt") for i in range(n)])
        res = {}

        def run(step, tool, script, scale=1.0, ok=(0,)):
            secs, cpu, mib = timed_cpu(script, path, ok)
            res[(step, tool)] = (secs * scale, cpu * scale, mib, scale)
            print(f"  {count:>6} {step:<8} {tool:<15} {secs * scale:>9.2f} s"
                  f"{'*' if scale > 1 else ' '} {cpu * scale:>9.2f} s CPU {mib:>7.1f} MiB",
                  file=sys.stderr, flush=True)

        scale, scale4 = count / n, count / n4
        peer = {(s, t): c for s, t, c in PEER_STEPS}
        if peers:
            run("segment", "txt2po", peer[("segment", "txt2po")], scale)
            run("segment", "po4a-updatepo", peer[("segment", "po4a-updatepo")], scale4)
        run("segment", "puente", PUENTE_STEPS["segment"])
        review_all(path, quotes=True)
        if peers:
            fill_folder(os.path.join(path, "tt-po"))
            fill_folder(os.path.join(path, "po4a"))
        run("merge", "puente", PUENTE_STEPS["merge"])
        if peers:
            run("merge", "po2txt", peer[("merge", "po2txt")], scale)
            run("merge", "po4a-translate", peer[("merge", "po4a-translate")], scale4)
        if "check" in steps:
            run("check", "puente", PUENTE_STEPS["check"], ok=(0, 1))
        if peers and "check" in steps:
            work = os.path.join(path, "work")
            mine = {f"a{i}." for i in range(n)}
            names = [(x, x) for x in sorted(os.listdir(work))
                     if x.endswith(".po") and x[:x.index(".") + 1] in mine]
            if len(names) != n:
                sys.exit(f"expected {n} work files for pofilter, found {len(names)}")
            link_subset(work, os.path.join(path, "work-peer"), names)
            run("check", "pofilter", peer[("check", "pofilter")], scale, ok=(0, 1))
        if "publish" in steps:
            run("publish", "puente", PUENTE_STEPS["publish"])
        return res, size
    finally:
        shutil.rmtree(path, ignore_errors=True)


def growth(a, b, ta, tb):
    if a == b or ta <= 0 or tb <= 0:
        return None
    return math.log(tb / ta) / math.log(b / a)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, nargs="+", default=[1_000, 10_000])
    ap.add_argument("--quick", action="store_true", help="--articles 100 1000")
    ap.add_argument("--dir", default=None, help="where the projects go (default: $TMPDIR)")
    ap.add_argument("--peer-max", type=int, default=10_000,
                    help="time a peer on at most this many articles; scale beyond it")
    ap.add_argument("--po4a-max", type=int, default=None,
                    help="the same for po4a's per-article loops (default: --peer-max)")
    ap.add_argument("--no-peers", action="store_true", help="puente alone")
    ap.add_argument("--steps", nargs="+", choices=STEPS, default=STEPS,
                    help="the steps timed (segment and merge always run: the others need "
                         "their work files)")
    args = ap.parse_args()
    counts = sorted(set([100, 1_000] if args.quick else args.articles))
    if not os.path.exists(PUENTE):
        sys.exit("build first: cargo build --release")
    peers = not args.no_peers
    if peers:
        missing = [t for t in ("txt2po", "po2txt", "pofilter", "po4a-updatepo",
                               "po4a-translate") if not shutil.which(t)]
        if missing:
            sys.exit(f"missing peers: {', '.join(missing)} (translate-toolkit, po4a); "
                     "or run with --no-peers")

    where = os.path.realpath(args.dir or tempfile.gettempdir())
    print(f"cores: {os.cpu_count()}; load average: {os.getloadavg()[0]:.2f}; "
          f"projects in {where}" + (f"; peers timed up to {args.peer_max} articles, po4a up "
                                    f"to {args.po4a_max or args.peer_max}" if peers else ""),
          flush=True)
    results, sizes = {}, {}
    for count in counts:
        results[count], sizes[count] = measure(args.dir, count, args.peer_max,
                                                     args.po4a_max or args.peer_max, peers,
                                                     args.steps)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print("corpus: " + ", ".join(f"{c} articles = {sizes[c] / 1e6:.1f} MB" for c in counts))

    steps = [s for s in STEPS if s in args.steps or s in ("segment", "merge")]
    rows = [(s, "puente") for s in steps]
    if peers:
        rows = [r for s in steps for r in
                [(s, "puente")] + [(ps, t) for ps, t, _ in PEER_STEPS if ps == s]]
    small, large = counts[0], counts[-1]
    head = f"{'step':<8} {'tool':<15}"
    for c in counts:
        head += f" {str(c) + ' s':>10} {'CPU s':>8} {'MiB':>7} {'x puente':>8}"
    head += f" {'growth s':>8} {'CPU':>5} {'MiB':>5}"
    print(head)
    flags = []
    for step, tool in rows:
        line = f"{step:<8} {tool:<15}"
        for c in counts:
            secs, cpu, mib, scale = results[c][(step, tool)]
            base = results[c][(step, "puente")][0]
            ratio = "" if tool == "puente" else f"{secs / max(base, 1e-9):.1f}"
            mark, mmark = ("*", "~") if scale > 1 else (" ", " ")
            line += f" {secs:>9.2f}{mark} {cpu:>7.2f}{mark} {mib:>6.1f}{mmark} {ratio:>8}"
        a, b = results[small][(step, tool)], results[large][(step, tool)]
        g, gc, gm = (growth(small, large, a[k], b[k]) for k in range(3))
        mark = "*" if a[3] > 1 or b[3] > 1 else " "
        for x, width in ((g, 7), (gc, 5), (gm, 5)):
            line += f" {'' if x is None else f'{x:.2f}':>{width}}"
        print(line + mark)
        if tool == "puente" and g is not None and g > 1.05:
            flags.append(f"{step}: puente's growth exponent {g:.2f} > 1.05 (CPU: {gc:.2f})")
        if tool == "puente" and gm is not None and gm > 0.1:
            flags.append(f"{step}: puente's peak memory grows with the articles, "
                         f"{a[2]:.0f} to {b[2]:.0f} MiB (exponent {gm:.2f})")
    if peers:
        for c in counts:
            for step in steps:
                ps = [(results[c][(step, t)][0], t) for s, t, _ in PEER_STEPS if s == step]
                if not ps:
                    continue
                best, who = min(ps)
                mine = results[c][(step, "puente")]
                ratio = best / max(mine[0], 1e-9)
                cpu = results[c][(step, who)][1] / max(mine[1], 0.01)
                need = 300 if step == "check" else 10
                if ratio < need:
                    flags.append(f"{step} at {c}: puente is {ratio:.1f}x the best peer "
                                 f"({who}), under {need}x (CPU time: {cpu:.1f}x)")
    if 10_000 in results:
        seg, mer = results[10_000][("segment", "puente")], results[10_000][("merge", "puente")]
        if seg[0] + mer[0] >= 5:
            flags.append(f"segment + merge at 10000: {seg[0] + mer[0]:.2f} s, not under 5 s "
                         f"(CPU time: {seg[1] + mer[1]:.2f} s)")
    print("x puente: the peer's wall time over puente's; growth: log(t_large / t_small) / "
          "log(large / small)")
    if peers:
        print("* scaled linearly from --peer-max articles; ~ memory measured on --peer-max "
              "articles")
        print("commands ($P is puente; corpus-peer = corpus, corpus-txt = the articles as "
              ".txt, work-peer = work, hard links:\n  the folder tools' articles; po4a's loops "
              "run over the first $N4 articles):")
    else:
        print("commands ($P is puente):")
    for s in steps:
        print(f"  {s:<8} puente          {PUENTE_STEPS[s]}")
        if peers:
            for ps, t, c in PEER_STEPS:
                if ps == s:
                    print(f"  {s:<8} {t:<15} {c}")
    for f in flags:
        print(f"FLAG {f}")
    if not flags:
        print("no flags: every figure meets the issue's targets")


if __name__ == "__main__":
    main()

"""The benchmark corpus and the whole-process timer shared by bench/many.py and bench/peers.py.

The corpus is benches/corpus.rs's: the sample article with a sentence of its own at the top
(`Story N opens here. It has N readers.`), in a project going English into Spanish.
Not a script of its own: `import corpus` from a script in bench/.
"""

import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The release build, or the binary PUENTE_BIN names (to compare two builds in the same
# conditions: PUENTE_BIN=/path/to/old/puente python3 bench/peers.py ...).
PUENTE = os.environ.get("PUENTE_BIN") or os.path.join(ROOT, "target", "release", "puente")
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


def spanish_quotes(text):
    """English quotation marks as Spanish ones, the punctuation inside them moved out
    (`“no,” she said` → `«no», she said`), so that check passes the filled segments."""
    return re.sub(r"“([^”]*?)([,.;:]?)”", r"«\1»\2", text)


def review_all(path, quotes=False):
    """Fills every empty msgstr of the project's work files (untimed). With `quotes`, the
    quotation marks are made Spanish (spanish_quotes), as publish's gate wants them."""
    work = os.path.join(path, "work")
    for name in os.listdir(work):
        review_po(os.path.join(work, name), quotes)


def review_po(po, quotes=False):
    """Fills every empty msgstr of the work file `po` with `ES: ` and its msgid (untimed)."""
    with open(po, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out, msgid = [], ""
    for line in lines:
        if line.startswith('msgid "') and line.endswith('"'):
            msgid = line[7:-1]
        if line == 'msgstr ""' and msgid:
            text = spanish_quotes(msgid) if quotes else msgid
            out.append(f'msgstr "ES: {text}"')
        else:
            out.append(line)
    with open(po, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def timed(script, cwd, ok=(0,)):
    """Runs `script` under /usr/bin/time -v; returns (wall seconds, peak RSS in MiB)."""
    wall, _, mib = timed_cpu(script, cwd, ok)
    return wall, mib


def timed_cpu(script, cwd, ok=(0,)):
    """Runs `script` under /usr/bin/time -v; returns (wall seconds, CPU seconds (user and
    system), peak RSS in MiB).

    The peak is that of the largest single process of the run (for a shell loop, its
    largest child), as getrusage reports it. The wall time is the clock around the whole
    run (time and bash starting included, about 2 ms): /usr/bin/time's own is to 10 ms,
    too coarse for a small folder. The CPU time is less disturbed than the wall time by
    other work on the machine.
    """
    start = time.perf_counter()
    p = subprocess.run(
        ["/usr/bin/time", "-v", "bash", "-c", script],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    secs = time.perf_counter() - start
    if p.returncode not in ok:
        sys.exit(f"`{script}` failed ({p.returncode}):\n{p.stderr[-2000:]}")
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", p.stderr).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", p.stderr).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return secs, user + system, rss / 1024

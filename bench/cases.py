#!/usr/bin/env python3
"""Scores `puente check` on the four case files of issue 13 (en→es-MX, en→es-ES, es-MX→en,
es-ES→en), the public half of the scoring harness.

Each entry of a case file says what `check` must find in it, in a translator comment:
`# expect: clean` (nothing at all) or `# expect: RULE` (exactly that rule, in that entry).
Its `msgctxt` is the case id. The check runs with the project's glossary in a scratch project
whose puente.toml turns `inconsistent` off (the files repeat sources on purpose), as the
integration test on tests/fixtures/check/cases.po does.

Per file it prints:
  recall        seeded entries where the expected rule was found, n/N
  false alarms  clean entries with any finding, n/N
  wrong rule    seeded entries where another rule fired too (or instead)
  repeated      seeded entries where the expected rule fired more than once
and lists every miss with its case id, what was expected and what was found.

Usage: python3 bench/cases.py [--puente PATH] [--glossary DIR] [FILE...]
Default binary: target/release/puente, else `puente` on PATH. Exit status 0 when every case
is right, 1 when some are not, 2 when the check could not run.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "tests", "fixtures", "check")
FILES = ["en-es-MX.po", "en-es-ES.po", "es-MX-en.po", "es-ES-en.po"]


def default_puente():
    built = os.path.join(ROOT, "target", "release", "puente")
    if os.path.exists(built):
        return built
    return shutil.which("puente") or built


def read_cases(path):
    """The cases of a file in order: (id, expected rule or None for clean, source, target)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    cases = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.splitlines()
        expect = next((l[len("# expect: "):].strip() for l in lines
                       if l.startswith("# expect: ")), None)
        if expect is None:
            continue
        ctx = next((l for l in lines if l.startswith("msgctxt ")), None)
        if ctx is None:
            sys.exit(f"{path}: an entry with `# expect:` has no msgctxt:\n{block}")
        case_id = json.loads(ctx[len("msgctxt "):])
        cases.append((case_id, None if expect == "clean" else expect,
                      po_string(lines, "msgid"), po_string(lines, "msgstr")))
    return cases


def po_string(lines, keyword):
    """The value of a PO keyword, continuation lines joined (for the listing only)."""
    out, inside = [], False
    for l in lines:
        if l.startswith(keyword + " "):
            inside = True
            out.append(json.loads(l[len(keyword) + 1:]))
        elif inside and l.startswith('"'):
            out.append(json.loads(l))
        else:
            inside = False
    return "".join(out)


def run_check(puente, glossary, path):
    """The findings of `puente check` on one file, by case id: [(rule, message)]."""
    with tempfile.TemporaryDirectory(prefix="puente-cases-") as work:
        with open(os.path.join(work, "puente.toml"), "w", encoding="utf-8") as f:
            f.write('[check.rules]\ninconsistent = "off"\n')
        p = subprocess.run(
            [puente, "check", "--glossary", glossary, "--format", "json", path],
            cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=dict(os.environ, PUENTE_UI_LANG="en-US"))
    if p.returncode not in (0, 1):
        sys.exit(f"{puente} check {path} failed ({p.returncode}):\n{p.stderr.decode()[:2000]}")
    found = {}
    for line in p.stdout.decode().splitlines():
        if not line.strip():
            continue
        f = json.loads(line)
        if f.get("type") != "finding":
            continue
        found.setdefault(f.get("segment"), []).append((f["rule"], f.get("message", "")))
    return found


def score(puente, glossary, path, out):
    cases = read_cases(path)
    found = run_check(puente, glossary, path)
    seeded = [c for c in cases if c[1]]
    clean = [c for c in cases if not c[1]]
    missed, alarms, wrong, repeated = [], [], [], []
    for case_id, want, src, tgt in cases:
        got = found.pop(case_id, [])
        rules = [r for r, _ in got]
        if want is None:
            if got:
                alarms.append((case_id, "clean", got, src, tgt))
            continue
        if want not in rules:
            missed.append((case_id, want, got, src, tgt))
        elif any(r != want for r in rules):
            wrong.append((case_id, want, got, src, tgt))
        elif len(rules) > 1:
            repeated.append((case_id, want, got, src, tgt))
    hits = len(seeded) - len(missed)
    name = os.path.relpath(path, ROOT)
    out.append(f"== {name}")
    out.append(f"recall        {hits}/{len(seeded)} seeded found in the right entry by the right rule")
    out.append(f"false alarms  {len(alarms)}/{len(clean)} clean entries with a finding")
    out.append(f"wrong rule    {len(wrong)} seeded entries where another rule fired too")
    out.append(f"repeated      {len(repeated)} seeded entries with the right rule more than once")
    for title, rows in (("missed", missed), ("false alarm", alarms), ("wrong rule", wrong),
                        ("repeated", repeated)):
        for case_id, want, got, src, tgt in rows:
            shown = "; ".join(f"{r}: {m}" for r, m in got) or "nothing"
            out.append(f"  {title:11} {case_id}: expected {want}, found {shown}")
            out.append(f"              {src}  →  {tgt}")
    if found:
        out.append(f"  findings outside the cases: {sorted(found)}")
    out.append("")
    return (hits, len(seeded), len(alarms), len(clean), len(wrong) + len(found),
            len(repeated))


def main():
    # Piped into head: stop quietly like any other listing.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--puente", default=default_puente(), help="the puente binary")
    ap.add_argument("--glossary", default=os.path.join(ROOT, "glossary"))
    ap.add_argument("files", nargs="*", help="case files (default: the four of issue 13)")
    args = ap.parse_args()
    puente = shutil.which(args.puente) or args.puente
    if not os.path.exists(puente):
        sys.exit(f"no puente binary at {args.puente}: build it (cargo build --release) "
                 "or pass --puente PATH")
    files = args.files or [os.path.join(CASES, f) for f in FILES]
    out = [f"puente: {puente}", ""]
    totals = [0] * 6
    for path in files:
        for i, v in enumerate(score(puente, os.path.abspath(args.glossary),
                                    os.path.abspath(path), out)):
            totals[i] += v
    h, n, a, c, w, r = totals
    out.append(f"== all: recall {h}/{n}, false alarms {a}/{c}, wrong rule {w}, repeated {r}")
    print("\n".join(out))
    return 0 if h == n and a == 0 and w == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

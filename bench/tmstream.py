"""Peak memory (RSS, /usr/bin/time -f %M) and wall time of `tm import` and `tm export` on a
memory of N units (400,000 by default), issue 17: both should stay flat in the size of the
memory. Run from the checkout after `cargo build --release`:

    python3 bench/tmstream.py [--units 400000] [--exe target/release/puente] [--dir /dev/shm]

Give --exe twice to compare two builds (the first is "before"). Each build imports the same
generated TMX into a fresh SQLite memory, then exports it to a file and to standard output."""
import argparse
import os
import subprocess
import tempfile
import time

ap = argparse.ArgumentParser()
ap.add_argument("--units", type=int, default=400_000)
ap.add_argument("--exe", action="append")
ap.add_argument("--dir", default=None)
args = ap.parse_args()
exes = [os.path.abspath(e) for e in (args.exe or ["target/release/puente"])]


def tmx(path, n):
    # Sentences of newsroom length (about 120 characters), each different, with context.
    with open(path, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header creationtool="bench" '
                'creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="en" '
                'o-tmf="bench"/>\n  <body>\n')
        for k in range(n):
            en = f"Officials in district {k} said on Tuesday that the drone program would be reviewed before the vote."
            es = f"Funcionarios del distrito {k} dijeron el martes que el programa de drones se revisaría antes de la votación."
            f.write(f'    <tu>\n      <prop type="x-context-prev">Story {k // 40}, sentence {k % 40}.</prop>\n'
                    f'      <tuv xml:lang="en">\n        <seg>{en}</seg>\n      </tuv>\n'
                    f'      <tuv xml:lang="es">\n        <seg>{es}</seg>\n      </tuv>\n    </tu>\n')
        f.write("  </body>\n</tmx>\n")


def measure(cmd, cwd, stdout=subprocess.DEVNULL):
    start = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, stdout=stdout,
                       stderr=subprocess.PIPE, text=True, env={**os.environ, "LANG": "C"})
    wall = time.monotonic() - start
    if p.returncode != 0:
        raise SystemExit(f"{cmd}: exit {p.returncode}\n{p.stderr}")
    kib = int(p.stderr.strip().splitlines()[-1])
    return kib / 1024, wall


with tempfile.TemporaryDirectory(dir=args.dir) as d:
    src = os.path.join(d, "in.tmx")
    tmx(src, args.units)
    size = os.path.getsize(src) / 1e6
    print(f"{args.units:,} units, TMX of {size:.0f} MB (a loaded 2-core machine: times are rough)")
    print(f"{'build':<40} {'step':<22} {'peak RSS':>10} {'wall':>8}")
    for exe in exes:
        mem = os.path.join(d, "m.sqlite")
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(mem + suffix):
                os.remove(mem + suffix)
        name = exe if len(exe) < 40 else "…" + exe[-39:]
        for step, cmd in [
            ("tm import", [exe, "tm", "import", src, "--tm", mem]),
            ("tm export -o file", [exe, "tm", "export", "--tm", mem, "-o", os.path.join(d, "out.tmx")]),
            ("tm export > stdout", [exe, "tm", "export", "--tm", mem]),
        ]:
            rss, wall = measure(cmd, d)
            print(f"{name:<40} {step:<22} {rss:>7.1f} MiB {wall:>7.1f} s", flush=True)

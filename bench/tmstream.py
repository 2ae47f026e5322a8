"""Peak memory (RSS by /usr/bin/time -f %M, and anonymous RSS sampled from /proc every 5 ms)
and wall time of `tm import` and `tm export` on memories of N units (100,000 and 400,000 by
default), issue 17: what they hold should stay flat in the size of the memory. Run from the
checkout after `cargo build --release`:

    python3 bench/tmstream.py [--units 100000 400000] [--exe target/release/puente] [--dir /dev/shm]

Give --exe twice to compare two builds (the first is "before"). Each build imports the same
generated TMX into a fresh SQLite memory, then exports it to a file and to standard output."""
import argparse
import os
import subprocess
import tempfile
import time

ap = argparse.ArgumentParser()
ap.add_argument("--units", type=int, nargs="+", default=[100_000, 400_000])
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


def anon_kib(pid):
    """The process's anonymous resident memory (heap, not file pages mapped in), in KiB."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(cmd, cwd, stdout=subprocess.DEVNULL):
    """Peak RSS (/usr/bin/time -f %M), peak anonymous RSS (sampled every 5 ms) and wall time.
    The SQLite memory is mapped into the process (mmap_size), so the pages of the file a run
    reads count in its RSS; they are the kernel's page cache, given back under pressure. The
    anonymous part is what the run itself holds."""
    start = time.monotonic()
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, stdout=stdout,
                         stderr=subprocess.PIPE, text=True, env={**os.environ, "LANG": "C"})
    anon, child = 0, None
    while p.poll() is None:
        if child is None:
            try:
                with open(f"/proc/{p.pid}/task/{p.pid}/children") as f:
                    child = int(f.read().split()[0])
            except (OSError, IndexError, ValueError):
                pass
        if child is not None:
            anon = max(anon, anon_kib(child))
        time.sleep(0.005)
    err = p.stderr.read()
    wall = time.monotonic() - start
    if p.returncode != 0:
        raise SystemExit(f"{cmd}: exit {p.returncode}\n{err}")
    kib = int(err.strip().splitlines()[-1])
    return kib / 1024, anon / 1024, wall


with tempfile.TemporaryDirectory(dir=args.dir) as d:
    print("a loaded 2-core machine: times are rough")
    print(f"{'units':>8} {'build':<40} {'step':<20} {'peak RSS':>10} {'peak anon':>10} {'wall':>7}")
    for n in args.units:
        src = os.path.join(d, "in.tmx")
        tmx(src, n)
        print(f"{n:>8,} units, TMX of {os.path.getsize(src) / 1e6:.0f} MB")
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
                rss, anon, wall = measure(cmd, d)
                print(f"{n:>8,} {name:<40} {step:<20} {rss:>6.1f} MiB {anon:>6.1f} MiB {wall:>6.1f} s", flush=True)

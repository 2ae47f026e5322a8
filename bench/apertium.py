#!/usr/bin/env python3
"""Apertium on the sample article (54 segments): segments per second through the local binary
and through a real APy server started on 127.0.0.1, best of 5 runs of `puente translate`.

Usage: python3 bench/apertium.py   (needs a release build, apertium-eng-spa and apertium-apy)
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PUENTE = os.path.join(ROOT, "target", "release", "puente")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(work, engine_args):
    times = []
    for _ in range(5):
        shutil.copy(os.path.join(work, "fresh.po"), os.path.join(work, "w.po"))
        start = time.perf_counter()
        # Without the cache: a second run would take every segment from it and measure
        # nothing of the engine.
        subprocess.run([PUENTE, "translate", "w.po", "--no-cache", "--glossary",
                        os.path.join(ROOT, "glossary")]
                       + engine_args, cwd=work, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    if not os.path.exists(PUENTE):
        sys.exit("build first: cargo build --release")
    work = tempfile.mkdtemp(prefix="puente-apertium-")
    apy = None
    try:
        shutil.copy(os.path.join(ROOT, "tests", "fixtures", "drone-strikes.en.md"), work)
        subprocess.run([PUENTE, "segment", "drone-strikes.en.md", "-o", "fresh.po"], cwd=work,
                       check=True, stderr=subprocess.DEVNULL)
        t = run(work, [])
        print(f"apertium binary: {t:.3f} s for 54 segments ({54 / t:.0f} segments/s)")
        port = free_port()
        apy = subprocess.Popen(["apertium-apy", "-p", str(port), "/usr/share/apertium/modes"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/listPairs", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        with open(os.path.join(work, "puente.toml"), "w") as f:
            f.write(f'[engine.apy]\nkind = "apy"\nurl = "http://127.0.0.1:{port}"\n')
        t = run(work, ["--engine", "apy"])
        print(f"apertium APy:    {t:.3f} s for 54 segments ({54 / t:.0f} segments/s)")
    finally:
        if apy:
            apy.kill()
            apy.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

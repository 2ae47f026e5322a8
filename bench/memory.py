"""Peak memory of the CLI on one large article (the sample's body repeated 1,000 times,
about 7.6 MB), for segment and for merge --draft, against the size of each command's largest
input. Run from the checkout after `cargo build --release`: python3 bench/memory.py"""
import os
import resource
import subprocess
import tempfile

body = open("tests/fixtures/drone-strikes.en.md").read()
head, rest = body.split("\n---\n", 1)
exe = os.path.abspath("target/release/puente")


def peak(args, cwd):
    # Each measurement runs in a fresh child of a fresh process, so ru_maxrss is its own.
    code = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], check=True, capture_output=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(["python3", "-c", code, *args], cwd=cwd, check=True, capture_output=True, text=True)
    return int(out.stdout) * 1024


with tempfile.TemporaryDirectory() as d:
    src = os.path.join(d, "big.en.md")
    with open(src, "w") as f:
        f.write(head + "\n---\n" + rest * 1000)
    article = os.path.getsize(src)
    seg = peak([exe, "segment", "big.en.md", "-o", "big.es.po"], d)
    po = os.path.getsize(os.path.join(d, "big.es.po"))
    mer = peak([exe, "merge", "big.es.po", "--draft", "-o", "out.md"], d)
    print(f"segment: article {article/1e6:.1f} MB, peak RSS {seg/1e6:.1f} MB = {seg/article:.2f}x the article")
    print(f"merge --draft: work file {po/1e6:.1f} MB + article {article/1e6:.1f} MB, peak RSS {mer/1e6:.1f} MB = "
          f"{mer/max(po, article):.2f}x the largest input")

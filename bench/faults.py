"""Figures of the reliability work (issue 11), through the release CLI:
  1. work-file growth on one-paragraph articles of 68 KB and 1 MB (PO size against the
     article, time and peak memory of `segment`);
  2. how long `translate` takes to give up on an engine that accepts connections and never
     answers (APy kind, default settings, a 120-segment work file), at the start of a run;
  3. the same when the server answers the probe and the first batch, then goes silent
     (LibreTranslate kind, default settings).
Run from the checkout after `cargo build --release`: python3 bench/faults.py"""
import json
import os
import resource
import socket
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

exe = os.path.abspath("target/release/puente")
sample = open("tests/fixtures/drone-strikes.en.md").read().split("\n---\n", 1)[1]
sentences = [s.strip() + "." for s in sample.replace("\n", " ").split(". ") if len(s) > 40]


def peak(args, cwd):
    # A fresh child of a fresh process, so ru_maxrss is this command's own.
    code = (
        "import resource, subprocess, sys, time;"
        "t = time.monotonic();"
        "subprocess.run(sys.argv[1:], check=True, capture_output=True);"
        "print(time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(["python3", "-c", code, *args], cwd=cwd, check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1]) * 1024


def one_paragraph(size):
    text, i = [], 0
    while sum(len(s) + 1 for s in text) < size:
        text.append(sentences[i % len(sentences)])
        i += 1
    return "---\nlang: en\n---\n\n" + " ".join(text) + "\n"


print("== work-file growth, one-paragraph articles")
for size in (68_000, 1_000_000):
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "long.en.md"), "w") as f:
            f.write(one_paragraph(size))
        article = os.path.getsize(os.path.join(d, "long.en.md"))
        secs, rss = peak([exe, "segment", "long.en.md", "--to", "es", "-o", "long.es.po"], d)
        po = os.path.getsize(os.path.join(d, "long.es.po"))
        print(f"article {article/1e3:,.0f} KB: PO {po/1e3:,.0f} KB = {po/article:.1f}x the article, "
              f"segment {secs*1e3:.0f} ms, peak RSS {rss/1e6:.1f} MB")


def silent_server():
    """Accepts every connection and never answers."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(64)
    held = []

    def loop():
        while True:
            c, _ = s.accept()
            held.append(c)

    threading.Thread(target=loop, daemon=True).start()
    return s.getsockname()[1]


def project(d, engine):
    article = "---\nlang: en\n---\n\n" + "\n\n".join(
        sentences[i % len(sentences)] + f" Item {i}." for i in range(120)) + "\n"
    with open(os.path.join(d, "a.en.md"), "w") as f:
        f.write(article)
    with open(os.path.join(d, "puente.toml"), "w") as f:
        f.write(f"[engine.e]\n{engine}\n")
    subprocess.run([exe, "segment", "a.en.md", "--to", "es", "-o", "a.es.po"], cwd=d, check=True,
                   capture_output=True)


def translate(d):
    t = time.monotonic()
    r = subprocess.run([exe, "translate", "a.es.po", "--engine", "e", "--no-cache", "--format", "json"],
                       cwd=d, capture_output=True, text=True)
    took = time.monotonic() - t
    summary = json.loads(r.stdout.splitlines()[0]) if r.stdout.strip() else {}
    return took, r.returncode, summary


print("== a server that accepts and never answers (APy kind, default settings, 120 segments)")
port = silent_server()
with tempfile.TemporaryDirectory() as d:
    project(d, f'kind = "apy"\nurl = "http://127.0.0.1:{port}"')
    took, code, s = translate(d)
    print(f"gave up after {took:.1f} s, exit {code}, {s.get('left')} segments left, nothing sent")


class DiesAfterOneBatch(BaseHTTPRequestHandler):
    batches = 0

    def log_message(self, *a):
        pass

    def answer(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if DiesAfterOneBatch.batches >= 1:
            time.sleep(3600)
        self.answer([{"code": "en", "targets": ["es"]}, {"code": "es", "targets": ["en"]}])

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if DiesAfterOneBatch.batches >= 1:
            time.sleep(3600)
        DiesAfterOneBatch.batches += 1
        texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
        self.answer({"translatedText": ["ES " + t for t in texts]})


print("== a LibreTranslate server that answers one batch, then goes silent (default settings)")
httpd = ThreadingHTTPServer(("127.0.0.1", 0), DiesAfterOneBatch)
httpd.daemon_threads = True
threading.Thread(target=httpd.serve_forever, daemon=True).start()
with tempfile.TemporaryDirectory() as d:
    project(d, f'kind = "libretranslate"\nurl = "http://127.0.0.1:{httpd.server_port}"\nconcurrency = 1')
    took, code, s = translate(d)
    print(f"gave up after {took:.1f} s, exit {code}: {s.get('verified')} segments translated and "
          f"saved, {s.get('left')} left")

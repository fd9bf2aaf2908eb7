#!/usr/bin/env python3
"""Benchmark of `wegwijs serve`: time from saving a page to its new text being served.

For each corpus size it generates the benchmark corpus (examples/gen_corpus.rs) in a temporary
folder on tmpfs, starts `wegwijs serve --port 0` on it, and then saves one term page again and
again the way editors do (a temporary file beside it, renamed over it). The clock starts at the
rename and stops when a GET of the page returns the new text. The page is fetched the way an
open browser tab does: when the server's event stream announces a new build (and every 50 ms
besides, should an announcement be missed), so that the measuring does not itself load the
two cores the build runs on. Reported: median, 90th percentile, minimum
and maximum, and the median of the builds themselves as the server prints them ("Built N files
in X ms"), which is the share of the latency the whole-pipeline rebuild takes. For scale on a
shared machine, it also times `wegwijs check` on the same corpus at the same moment (the same
pipeline, in a process of its own, writing nothing) and prints the load average.

    python3 benches/serve.py                      # 1,000 and 10,000 pages
    python3 benches/serve.py --pages 1000 --saves 50
    python3 benches/serve.py --smoke              # 200 pages, 5 saves: checks that it works

Needs the release build: cargo build --release --bin wegwijs --example gen_corpus.
Standard library only.
"""
import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "target", "release")
WEGWIJS = os.path.join(TARGET, "wegwijs")
GEN = os.path.join(TARGET, "examples", "gen_corpus")
# Waits longer than this mean something is broken, not slow.
DEADLINE = 60.0


def fetch(address, path):
    host, port = address.rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=DEADLINE)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * p // 100) - 1)]


class Server:
    """`wegwijs serve` on a site, its terminal read in the background."""

    def __init__(self, site):
        self.proc = subprocess.Popen(
            [WEGWIJS, "--lang", "en", "serve", "--root", site, "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ, NO_COLOR="1"))
        self.builds = []
        threading.Thread(target=self._read_stderr, daemon=True).start()
        line = self.proc.stdout.readline()
        found = re.search(r"http://([^/]+)/", line)
        if not found:
            self.stop()
            sys.exit(f"serve did not print its address: {line!r}")
        self.address = found.group(1)

    def _read_stderr(self):
        for line in self.proc.stderr:
            m = re.match(r"Built \d+ files in (\d+) ms", line)
            if m:
                self.builds.append(int(m.group(1)))
            elif line.startswith("error"):
                sys.stderr.write(line)

    def listen(self):
        """A threading.Event set on every message of the event stream."""
        import socket
        told = threading.Event()
        host, port = self.address.rsplit(":", 1)
        sock = socket.create_connection((host, int(port)))
        sock.sendall(b"GET /__wegwijs/events HTTP/1.1\r\nHost: x\r\n\r\n")

        def read():
            for line in sock.makefile("rb"):
                if line.startswith(b"data: "):
                    told.set()
        threading.Thread(target=read, daemon=True).start()
        return told

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def measure(pages, saves, workdir):
    site = os.path.join(workdir, f"serve-{pages}")
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run([GEN, "--pages", str(pages), "--out", os.path.join(site, "content"), "--flavor", "wegwijs"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    terms = os.path.join(site, "content", "begrippen")
    name = sorted(n for n in os.listdir(terms) if n.endswith(".md") and not n.startswith("_"))[0]
    page = os.path.join(terms, name)
    url = f"/begrippen/{name[:-3]}/"
    original = open(page, encoding="utf-8").read()
    checks = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([WEGWIJS, "check", "--root", site], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        checks.append((time.perf_counter() - started) * 1000)
    server = Server(site)
    try:
        status, _ = fetch(server.address, url)
        if status != 200:
            sys.exit(f"{url} gives {status}: the page's address is not what this script expects")
        latencies = []
        told = server.listen()
        for i in range(saves):
            marker = f"Meting {i} {time.time_ns()}"
            temp = os.path.join(terms, f".{name}.tmp")
            with open(temp, "w", encoding="utf-8") as f:
                f.write(original.rstrip("\n") + f"\n\n{marker}\n")
            told.clear()
            started = time.perf_counter()
            os.rename(temp, page)
            while True:
                told.wait(0.05)
                told.clear()
                if marker in fetch(server.address, url)[1]:
                    break
                if time.perf_counter() - started > DEADLINE:
                    sys.exit(f"the new text was not served within {DEADLINE} s")
            latencies.append((time.perf_counter() - started) * 1000)
            # Let the machine settle, so that saves do not queue behind each other.
            time.sleep(0.2)
        # The first build is the start-up one.
        builds = server.builds[1:]
    finally:
        server.stop()
        shutil.rmtree(site, ignore_errors=True)
    return latencies, builds, statistics.median(checks)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--workdir", default="/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir())
    args = parser.parse_args()
    if args.smoke:
        args.pages, args.saves = [200], 5
    for binary in (WEGWIJS, GEN):
        if not os.path.exists(binary):
            sys.exit(f"{binary} is missing: cargo build --release --bin wegwijs --example gen_corpus")
    print(f"{'pages':>7} {'saves':>5} {'median':>9} {'p90':>9} {'min':>9} {'max':>9} {'build median':>13} "
          f"{'check':>9}  load average")
    for pages in args.pages:
        latencies, builds, check = measure(pages, args.saves, args.workdir)
        build = f"{statistics.median(builds):.0f} ms" if builds else "-"
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"{pages:>7} {len(latencies):>5} {statistics.median(latencies):>6.1f} ms {percentile(latencies, 90):>6.1f} ms "
              f"{min(latencies):>6.1f} ms {max(latencies):>6.1f} ms {build:>13} {check:>6.0f} ms  {load}", flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark of full builds: wegwijs beside the floor, Hugo and Zola, in one run.

For each corpus size it generates the Dutch benchmark corpus with the in-repo generator
(examples/gen_corpus.rs, byte-identical to the corpus of ../shared/bench/ANCHORS.md), then
builds it with every tool in turn, alternating tools run by run so that a slow moment of the
machine hits them all alike. It reports per tool the median wall time of full builds from a
clean output folder, user and system time, peak memory, output files and bytes; for wegwijs
also the search index bytes, the time of each stage (`--timings`), a rebuild over an existing
output (the atomic swap's cost), and the CPU stages with one thread against two.

Absolute times vary from machine to machine and run to run; compare the ratios of one run.
Outputs go to tmpfs (/dev/shm) by default, as in the anchors: on disk, file-system metadata
makes the same build vary tenfold.

    python3 benches/bench.py                       # 1,000 and 10,000 pages, 3 runs
    python3 benches/bench.py --pages 50000 --runs 1
    python3 benches/bench.py --smoke               # 200 pages, 1 run: checks that it works (CI)

Needs: cargo, and optionally `hugo` and `zola` on the PATH (Debian: apt-get install -y hugo), and
Pagefind (`npm install pagefind`; PAGEFIND=path/to/pagefind_extended, or on the PATH) to index
Hugo's output beside it.
Standard library only.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "target", "release")
WEGWIJS = os.path.join(TARGET, "wegwijs")
PAGEFIND = None  # set by prepare()
GEN = os.path.join(TARGET, "examples", "gen_corpus")
FLOOR = os.path.join(TARGET, "examples", "floor")
ANALYSIS = os.path.join(TARGET, "examples", "analysis")
# Where the search index lives in wegwijs's output (everything the browser may fetch for search
# besides the page itself).
# Matches the plain folder (`zoeken/index/`) and the fingerprinted one (`zoeken/index.<hash>/`).
INDEX_PREFIXES = ("zoeken/index", "js/search")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, cwd=None, env=None):
    """Runs a command; returns (wall s, user s, sys s, peak KiB, stdout+stderr text)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    text = out.decode("utf-8", "replace")
    if p.returncode != 0:
        raise SystemExit(f"command failed ({p.returncode}): {' '.join(cmd)}\n{text}")
    return wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss, text


def tree_size(path, prefixes=None, without=None):
    files = total = 0
    for root, _, names in os.walk(path):
        for n in names:
            full = os.path.join(root, n)
            rel = os.path.relpath(full, path).replace(os.sep, "/")
            if prefixes and not rel.startswith(prefixes):
                continue
            if without and rel.startswith(without):
                continue
            files += 1
            total += os.path.getsize(full)
    return files, total


def wait_for_cleanup(out):
    """A wegwijs rebuild removes the previous output in a background process; wait until it is
    done, so that it does not take CPU from the next measurement."""
    parent, name = os.path.split(out)
    start = time.time()
    deadline = start + 120
    while os.path.isdir(parent) and any(n.startswith(f".{name}.wegwijs-") for n in os.listdir(parent)):
        if time.time() > deadline:
            raise SystemExit(f"the previous output of {out} was not removed")
        time.sleep(0.005)
    return time.time() - start


def rm(path):
    if os.path.exists(path):
        shutil.rmtree(path)


def stage_times(text):
    """The `--timings` lines of wegwijs: stage -> ms."""
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^\s*(\w+)\s+([\d.]+) ms$", text, re.M)}


class Tool:
    def __init__(self, name, site, out, cmd, clean=True):
        self.name, self.site, self.out, self.cmd, self.clean = name, site, out, cmd, clean
        self.samples = []  # (wall, user, sys, peak KiB)
        self.stages = []
        self.cleanups = []  # seconds the background removal of the previous output took after exit

    def build(self, env=None):
        if self.clean:
            rm(self.out)
        wait_for_cleanup(self.out)
        wall, user, sys_, peak, text = run(self.cmd, cwd=self.site, env=env)
        self.samples.append((wall, user, sys_, peak))
        self.cleanups.append(wait_for_cleanup(self.out))
        if self.name.startswith("wegwijs"):
            self.stages.append(stage_times(text))
        return text

    def median(self, i):
        return statistics.median(s[i] for s in self.samples)


def prepare(args):
    log("building wegwijs, the corpus generator and the floor (release)")
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "wegwijs", "--example", "gen_corpus",
                    "--example", "floor", "--example", "analysis"], cwd=ROOT, check=True)
    tools = ["wegwijs", "floor"]
    for extra in ("hugo", "zola"):
        if shutil.which(extra) and extra not in args.skip:
            tools.append(extra)
    # Pagefind indexes Hugo's output (`data-pagefind-body` in benches/hugo/layouts), as in the
    # anchors: PAGEFIND=/path/to/pagefind_extended, or on the PATH (`npm install pagefind`).
    global PAGEFIND
    PAGEFIND = os.environ.get("PAGEFIND") or shutil.which("pagefind_extended") or shutil.which("pagefind")
    if PAGEFIND and "hugo" in tools and "pagefind" not in args.skip:
        tools.append("pagefind")
    return tools


def generate(n, flavor, dest):
    rm(dest)
    subprocess.run([GEN, "--pages", str(n), "--out", os.path.join(dest, "content"), "--flavor", flavor,
                    "--seed", "42"], check=True, stderr=subprocess.DEVNULL)


def setup_sites(n, base, tools):
    sites = {}
    wsite = os.path.join(base, f"{n}", "wegwijs")
    generate(n, "wegwijs", wsite)
    sites["wegwijs"] = wsite
    # The same content without the search index, to measure what the index adds.
    nsite = os.path.join(base, f"{n}", "nosearch")
    os.makedirs(nsite, exist_ok=True)
    with open(os.path.join(nsite, "wegwijs.yaml"), "w") as f:
        f.write("search: false\ncontent_dirs: [../wegwijs/content]\n")
    sites["nosearch"] = nsite
    if "hugo" in tools:
        hsite = os.path.join(base, f"{n}", "hugo")
        generate(n, "hugo", hsite)
        shutil.copy(os.path.join(ROOT, "benches", "hugo", "hugo.toml"), hsite)
        shutil.copytree(os.path.join(ROOT, "benches", "hugo", "layouts"), os.path.join(hsite, "layouts"))
        shutil.copytree(os.path.join(ROOT, "benches", "hugo", "content-static"), os.path.join(hsite, "content"),
                        dirs_exist_ok=True)
        sites["hugo"] = hsite
    if "zola" in tools:
        zsite = os.path.join(base, f"{n}", "zola")
        generate(n, "zola", zsite)
        with open(os.path.join(zsite, "config.toml"), "w") as f:
            f.write('base_url = "https://example.nl"\ndefault_language = "du"\nbuild_search_index = true\n'
                    'generate_sitemap = true\ntaxonomies = [{name = "themes"}, {name = "tags"}, '
                    '{name = "municipality"}]\n')
        sites["zola"] = zsite
    return sites


def bench_size(n, args, tools):
    base = args.dir
    sites = setup_sites(n, base, tools)
    out = os.path.join(base, f"{n}", "out")
    runs = {
        "wegwijs": Tool("wegwijs", sites["wegwijs"], os.path.join(out, "wegwijs"),
                        [WEGWIJS, "build", "--root", ".", "--output", os.path.join(out, "wegwijs"), "--timings",
                         "--quiet"]),
        "wegwijs without search": Tool("wegwijs without search", sites["nosearch"], os.path.join(out, "nosearch"),
                                       [WEGWIJS, "build", "--root", ".", "--output", os.path.join(out, "nosearch"),
                                        "--timings", "--quiet"]),
        "floor": Tool("floor", sites["wegwijs"], os.path.join(out, "floor"),
                      [FLOOR, os.path.join(sites["wegwijs"], "content"), os.path.join(out, "floor")]),
    }
    if "hugo" in tools:
        runs["hugo"] = Tool("hugo", sites["hugo"], os.path.join(out, "hugo"),
                            ["hugo", "--quiet", "-d", os.path.join(out, "hugo")])
    if "pagefind" in tools:
        # Right after Hugo in each round, on the output Hugo just wrote.
        runs["pagefind"] = Tool("pagefind", sites["hugo"], os.path.join(out, "hugo", "pagefind"),
                                [PAGEFIND, "--site", os.path.join(out, "hugo")], clean=False)
    if "zola" in tools:
        runs["zola"] = Tool("zola", sites["zola"], os.path.join(out, "zola"),
                            ["zola", "build", "-o", os.path.join(out, "zola"), "--force"])
    # A rebuild over the output of the previous build: what the atomic swap costs.
    rebuild = Tool("wegwijs rebuild", sites["wegwijs"], os.path.join(out, "wegwijs"),
                   runs["wegwijs"].cmd, clean=False)
    one_thread = Tool("wegwijs 1 thread", sites["wegwijs"], os.path.join(out, "wegwijs"), runs["wegwijs"].cmd)

    order = list(runs.values())
    for r in range(args.runs + 1):  # the first round warms caches and is not counted
        for tool in order:
            tool.build()
        rebuild.build()
        one_thread.build(env=dict(os.environ, RAYON_NUM_THREADS="1"))
        if r == 0:
            for tool in order + [rebuild, one_thread]:
                tool.samples.clear()
                tool.stages.clear()
                tool.cleanups.clear()
        log(f"  {n} pages: round {r}/{args.runs} done")
    report(n, runs, rebuild, one_thread)
    # The search index's word analysis alone, on one thread (examples/analysis.rs).
    analysis = subprocess.run([ANALYSIS, os.path.join(sites["wegwijs"], "content")], capture_output=True, text=True,
                              check=True).stdout
    print("- the index's word analysis alone, one thread (`examples/analysis.rs`):")
    for line in analysis.strip().splitlines():
        print(f"  - {line}")
    sys.stdout.flush()
    if not args.keep:
        rm(os.path.join(base, f"{n}"))


def fmt_stages(tool):
    keys = ["config", "load", "model", "markdown", "render", "index", "check", "write"]
    med = {k: statistics.median(s.get(k, 0.0) for s in tool.stages) for k in keys}
    return med, "  ".join(f"{k} {med[k]:.0f}" for k in keys)


def report(n, runs, rebuild, one_thread):
    print(f"\n## {n:,} pages\n")
    print("| tool | wall s (median) | user s | sys s | peak MiB | files | output bytes | search index bytes |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for tool in list(runs.values()) + [rebuild, one_thread]:
        # Hugo's output holds Pagefind's folder, counted in Pagefind's row.
        without = "pagefind/" if tool.name == "hugo" else None
        files, size = tree_size(tool.out, without=without) if os.path.exists(tool.out) else (0, 0)
        index = ""
        if tool.name == "wegwijs":
            index = f"{tree_size(tool.out, INDEX_PREFIXES)[1]:,}"
        if tool.name == "pagefind":
            index = f"{size:,}"
        print(f"| {tool.name} | {tool.median(0):.3f} | {tool.median(1):.2f} | {tool.median(2):.2f} | "
              f"{tool.median(3) / 1024:.0f} | {files:,} | {size:,} | {index} |")
    w = runs["wegwijs"].median(0)
    print()
    plain = runs["wegwijs without search"].median(0)
    print(f"- what the search index adds to the build: {w - plain:.3f} s, {100 * (w - plain) / plain:.1f} % of the build "
          f"without it")
    for other in ("floor", "hugo", "zola"):
        if other in runs:
            print(f"- wegwijs / {other}: {w / runs[other].median(0):.2f}")
    if "pagefind" in runs:
        both = runs["hugo"].median(0) + runs["pagefind"].median(0)
        print(f"- hugo + pagefind (the sum of the medians): {both:.3f} s; wegwijs / (hugo + pagefind): {w / both:.2f}")
    med, line = fmt_stages(runs["wegwijs"])
    print(f"- wegwijs stages, ms (median): {line}")
    total = sum(med.values())
    if total:
        print(f"- index stage share of the stages: {100 * med['index'] / total:.1f} %")
    med1, _ = fmt_stages(one_thread)
    cpu = ("load", "model", "markdown", "render", "index", "check")
    two, one = sum(med[k] for k in cpu), sum(med1[k] for k in cpu)
    if two:
        print(f"- CPU stages (load to check) with 1 thread / 2 threads: {one / two:.2f}")
    _, rline = fmt_stages(rebuild)
    print(f"- rebuild over the previous output: {rebuild.median(0):.3f} s; stages: {rline}")
    print(f"- removing the previous output after a rebuild, in the background after wegwijs exited: "
          f"{statistics.median(rebuild.cleanups):.3f} s (the command does not wait for it)")
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", default="1000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--runs", type=int, default=3, help="measured runs per tool (after one warm-up)")
    ap.add_argument("--dir", default="/dev/shm/wegwijs-bench" if os.path.isdir("/dev/shm") else "/tmp/wegwijs-bench")
    ap.add_argument("--skip", default="", help="tools to leave out, e.g. hugo,zola")
    ap.add_argument("--keep", action="store_true", help="keep the generated sites and outputs")
    ap.add_argument("--smoke", action="store_true", help="200 pages, 1 run, no other tools: checks that it works")
    args = ap.parse_args()
    if args.smoke:
        args.pages, args.runs, args.skip = "200", 1, "hugo,zola,pagefind"
    args.skip = [s for s in args.skip.split(",") if s]
    tools = prepare(args)
    print(f"# wegwijs benchmark\n\ntools: {', '.join(tools)}; runs: {args.runs} (+1 warm-up); "
          f"outputs in {args.dir}; {os.cpu_count()} CPUs")
    for n in [int(p) for p in args.pages.split(",")]:
        bench_size(n, args, tools)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Time of `wegwijs check` on single files built to be expensive: many unknown keys, many
taxonomy values (far apart and one letter apart), many unknown related terms, deep nesting.

Each case is a small site in a temporary folder with one such file; the script prints the wall
time, the peak memory and the exit code of one `check` per case. The work must grow with the
size of the file (and the number of problems reported), never with its square: compare the
rows of one case at two sizes. tests/safety/limits.rs asserts the outcomes of the same cases.

    python3 benches/limits.py                          # target/release/wegwijs
    python3 benches/limits.py --bin target/debug/wegwijs --small

Standard library only; needs GNU time at /usr/bin/time for the memory column.
"""
import argparse
import os
import random
import subprocess
import tempfile
import time


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def site(root, page, config="title: Proef\nlanguage: nl\n"):
    write(root, "wegwijs.yaml", config)
    write(root, "content/_index.md", "---\ntitle: Welkom\n---\nDe voorpagina.\n")
    write(root, "content/begrippen/x.md", page)


def front(lines):
    return "---\ntitle: X\ndefinition: Y.\n" + "".join(lines) + "---\nTekst.\n"


def far_apart_words(n, rng):
    seen, out = set(), []
    while len(out) < n:
        word = " ".join("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 9))) for _ in range(2))
        if word not in seen:
            seen.add(word)
            out.append(word)
    return out


CASES = {
    "unknown keys": lambda n, rng: (front(f"onbekend{i}: x\n" for i in range(n)), None),
    "themes far apart": lambda n, rng: (front(["themes:\n"] + [f"  - {w}\n" for w in far_apart_words(n, rng)]), None),
    "themes one letter apart": lambda n, rng: (front(["themes:\n"] + [f"  - thema nummer {i}\n" for i in range(n)]), None),
    "unknown related terms": lambda n, rng: (front(["related:\n"] + [f"  - bestaat-niet-{i}\n" for i in range(n)]), None),
    "config nested deep": lambda n, rng: (
        front([]),
        "title: Proef\nlanguage: nl\nmenu: " + "[" * n + "]" * n + "\n",
    ),
}

SIZES = {
    "unknown keys": (40_000, 100_000),
    "themes far apart": (4_000, 20_000),
    "themes one letter apart": (4_000, 20_000),
    "unknown related terms": (2_000, 20_000),
    "config nested deep": (10_000, 100_000),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default="target/release/wegwijs")
    parser.add_argument("--small", action="store_true", help="a tenth of each size")
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    print(f"{'case':<26} {'size':>8} {'seconds':>8} {'peak MiB':>9} {'exit':>5}")
    for name, make in CASES.items():
        for size in SIZES[name]:
            n = size // 10 if args.small else size
            rng = random.Random(7)
            with tempfile.TemporaryDirectory() as tmp:
                page, config = make(n, rng)
                if config is None:
                    site(tmp, page)
                else:
                    site(tmp, page, config)
                started = time.monotonic()
                run = subprocess.run(
                    ["/usr/bin/time", "-f", "%M", binary, "check", "--root", tmp],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                took = time.monotonic() - started
                peak = int(run.stderr.strip().splitlines()[-1]) / 1024
                print(f"{name:<26} {n:>8} {took:>8.2f} {peak:>9.0f} {run.returncode:>5}")


if __name__ == "__main__":
    main()

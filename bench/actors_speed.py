"""How fast the actors stage resolves mentions and scans text.

    /tmp/venv/bin/python bench/actors_speed.py [--n 10000]

Prints load time, the one-off cost of the GeoNames town table (read on first use),
resolve() throughput on N distinct noun phrases (cold cache, then warm), and
mentions() throughput on the seed article. Target: 10,000 mentions well
under a second. Prints figures only; never fails on a slow machine.
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

from dyads.actors import ActorBase

SEED = Path("/work/shared/seed/hamas-syria-2022.txt")
DEMONYMS = ["Syrian", "Iranian", "Israeli", "Palestinian", "American", "Russian", "Ukrainian", "Turkish",
            "Lebanese", "Iraqi", "Egyptian", "Saudi", "Chinese", "French", "German", "British"]
HEADS = ["troops", "president", "foreign minister", "police", "officials", "rebels", "government",
         "army", "opposition", "militants", "sources", "people", "protesters", "court"]
NAMES = ["Hamas", "Hezbollah", "Assad", "Senior Hamas official Khalil al-Hayya", "the Assad regime",
         "Syria's president", "Islamic Jihad", "the UN Security Council", "Bashar al-Asad", "Nasrullah",
         "John Smith", "the meeting", "Damascus", "us", "the Gaza-based terror group"]


def phrases(n: int) -> list[str]:
    combos = [f"{d} {h}" for d, h in itertools.product(DEMONYMS, HEADS)]
    base = combos + NAMES
    out = []
    for i in itertools.count():
        for p in base:
            out.append(f"{p}" if i == 0 else f"the {p} ({i})")
            if len(out) == n:
                return out
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args()
    t0 = time.perf_counter()
    base = ActorBase.load()
    print(f"load: {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    base.place_country("Mosul")
    print(f"first town lookup (reads GeoNames towns once): {time.perf_counter() - t0:.2f} s")
    items = phrases(args.n)
    for label in ("cold", "warm"):
        t0 = time.perf_counter()
        resolved = sum(base.resolve(p, date="2022-10-19") is not None for p in items)
        took = time.perf_counter() - t0
        print(f"resolve ({label}): {len(items)} mentions in {took:.3f} s = {len(items) / took:,.0f} mentions/s "
              f"({resolved} resolved)")
    if SEED.exists():
        text = SEED.read_text(encoding="utf-8")
        rounds = 50
        t0 = time.perf_counter()
        for _ in range(rounds):
            found = base.mentions(text, date="2022-10-19")
        took = time.perf_counter() - t0
        print(f"mentions: {rounds * len(text) / took:,.0f} chars/s, {rounds * len(found) / took:,.0f} mentions/s "
              f"({len(found)} in the seed article)")


if __name__ == "__main__":
    main()

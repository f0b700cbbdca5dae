"""Exposure control against a plain random draw, side by side in one run (issue 19).

    .venv/bin/python -m bench.exposure [--candidates 300] [--draw 10] [--seed N]

A bank three times the size of a draw (one distribution cell: `--draw` questions asked of `3 x --draw`), drawn for
`--candidates` candidates one after another, once with `panel_draw.pick_least_shown` (what the service runs per
cell: least shown first, ties at random) and once with `random.sample` (the draw before issue 19). Prints how often
each question was shown: min, max and the max/min spread (target at most 1.2x).
"""

from __future__ import annotations

import argparse
import random
import uuid
from collections import Counter

from hr_app.services.panel_draw import pick_least_shown


def simulate(candidates: int, draw: int, rng: random.Random, *, controlled: bool) -> Counter[uuid.UUID]:
    bank = [uuid.UUID(int=n + 1) for n in range(3 * draw)]
    shown: Counter[uuid.UUID] = Counter({question: 0 for question in bank})
    for _ in range(candidates):
        picked = pick_least_shown(bank, shown, draw, rng) if controlled else rng.sample(bank, draw)
        assert len(set(picked)) == draw  # never a repeat inside one set
        shown.update(picked)
    return shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=300)
    parser.add_argument("--draw", type=int, default=10)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"{args.candidates} candidates, a draw of {args.draw} from a bank of {3 * args.draw}")
    print(f"{'draw':<24}{'min':>6}{'max':>6}{'max/min':>10}")
    for label, controlled in (("exposure control", True), ("plain random", False)):
        counts = simulate(args.candidates, args.draw, rng, controlled=controlled).values()
        low, high = min(counts), max(counts)
        print(f"{label:<24}{low:>6}{high:>6}{(high / low if low else float('inf')):>9.2f}x")


if __name__ == "__main__":
    main()

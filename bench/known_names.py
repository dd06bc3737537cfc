"""Known-name search time against the number of known names (issue #14).

    .venv/bin/python bench/known_names.py [--texts 100] [--counts 200,1000,8000] [--repeat 3]

Finds the data's own person names (anonymize.names.KnownNames, a first-character index in
anonymize/literals.py) in the same random texts with more and more names, and prints CPU seconds per
count and the ratio to the smallest: the time should not grow with the number of names (one regex
alternation took ~40× longer for 40× the names). CPU time, best of --repeat, so other load on the
machine counts little.
"""
import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from anonymize.names import KnownNames  # noqa: E402

SURNAMES, GIVEN = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "伟强军勇杰涛明超刚平辉鹏华飞芳娟敏静丽艳娜"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=100)
    parser.add_argument("--counts", default="200,1000,8000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(15)
    texts = ["".join(rng.choice(SURNAMES + GIVEN + "的了在是项目工程完成，。") for _ in range(120)) for _ in range(args.texts)]
    counts = [int(c) for c in args.counts.split(",")]
    print(f"{'names':>8} {'distinct':>8} {'matches':>8} {'CPU s':>9} {'× smallest':>10}")
    first = None
    for count in counts:
        names = {rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN) for _ in range(count)}
        known = KnownNames(names)
        best, matches = None, 0
        for _ in range(args.repeat):
            started = time.process_time()
            matches = sum(len(list(known.pattern.finditer(text))) for text in texts)
            spent = time.process_time() - started
            best = spent if best is None else min(best, spent)
        first = first or best or 1e-9
        print(f"{count:>8} {len(names):>8} {matches:>8} {best:>9.4f} {best / first:>10.1f}")


if __name__ == "__main__":
    main()

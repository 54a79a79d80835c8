"""What the archive's segment() costs over plain jieba.cut on the same text.

segment() adds offsets and the split of removed words to jieba.cut; the goal
is at most 10% over jieba.cut with the same lexicon. Both run in this process,
warmed up, taking turns, on the sample front pages repeated to about
--megabytes of text: once a page per call (how the archive segments, an
article at a time) and once the whole text in a single call. The lexicon
variant loads --names invented personal names, the kind of lexicon years of
corrections leave, plus removals of words that do occur in the pages. Ratios
are medians over --rounds rounds of each round's time against jieba.cut's;
times are CPU time of this process, which other processes on a shared machine
disturb less than they disturb wall time.

    .venv/bin/python bench/segmentation_speed.py [--megabytes 1.5] [--rounds 7] [--names 2000]

Prints a markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

from archive.lib.segmentation import reset_lexicon, segment, shared_tokenizer  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志春雷乃召浩倩捷成佳盼勤乐瑞龙青玖"


def invented_names(count: int, known: dict) -> list[str]:
    """``count`` distinct names jieba's dictionary does not have."""
    rng = random.Random(7132)
    names: dict[str, None] = {}
    while len(names) < count:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        if not known.get(name):
            names[name] = None
    return list(names)


def removals_from(pages: list[str], count: int) -> list[str]:
    """Words jieba makes of these pages, spread over their vocabulary."""
    words = sorted({word for page in pages for word in jieba.cut(page) if len(word) > 1})
    return words[:: max(1, len(words) // count)][:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=1.5)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--names", type=int, default=2000)
    args = parser.parse_args()

    seeds = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    seed_bytes = sum(len(page.encode("utf-8")) for page in seeds)
    pages = seeds * max(1, round(args.megabytes * 1e6 / seed_bytes))
    whole = "\n".join(pages)
    chars = sum(map(len, pages))

    tk = shared_tokenizer()
    names = invented_names(args.names, tk.FREQ)
    removed = removals_from(seeds, 10)
    lexicons = {
        "none": ((), ()),
        f"{len(names):,} names, {len(removed)} removals": ([(n, None, None) for n in names], removed),
    }

    def jieba_cut(text):
        return list(tk.cut(text))

    # jieba.cut is jieba's Tokenizer.cut, here on the archive's tokenizer: the
    # same dictionary in memory as segment() uses, so that neither profits from
    # the other having brought it into the CPU caches, and with the same lexicon.
    variants = [
        (cut_name, cut, lexicon_name)
        for lexicon_name in lexicons
        for cut_name, cut in (("jieba.cut", jieba_cut), ("segment()", segment))
    ]
    modes = [("a page per call", pages), ("one text per call", [whole])]
    times = {(variant, mode): [] for variant in variants for mode, _ in modes}

    # The machine is shared and its load changes, so the variants take turns
    # as often as they can: on every page, in an order that rotates. Switching
    # lexicons costs no reload (see archive.lib.segmentation.tokenizer).
    loaded = None
    for round_ in range(args.rounds + 1):  # round 0 warms up
        for mode, texts in modes:
            spent = dict.fromkeys(variants, 0.0)
            for i, text in enumerate(texts):
                turn = (i + round_) % len(variants)
                for variant in variants[turn:] + variants[:turn]:
                    _, cut, lexicon = variant
                    if lexicon != loaded:
                        reset_lexicon(*lexicons[lexicon])
                        loaded = lexicon
                    start = time.process_time()
                    cut(text)
                    spent[variant] += time.process_time() - start
            if round_:
                for variant in variants:
                    times[variant, mode].append(spent[variant])
    reset_lexicon()

    print(
        f"Segmentation speed: {chars:,} characters ({len(pages)} sample pages), "
        f"median of {args.rounds} rounds after a warm-up, variants taking turns; "
        f"Python {platform.python_version()}, jieba {jieba.__version__}.\n"
    )
    print(
        "| | lexicon | "
        + " | ".join(f"{mode}: chars/s | × jieba.cut" for mode, _ in modes)
        + " |"
    )
    print("|---" * (2 + 2 * len(modes)) + "|")
    for variant in variants:
        cut_name, _, lexicon = variant
        cells = []
        for mode, _ in modes:
            spent = times[variant, mode]
            baseline = times[("jieba.cut", jieba_cut, lexicon), mode]
            ratio = statistics.median(ours / theirs for ours, theirs in zip(spent, baseline))
            cells += [f"{chars / statistics.median(spent):,.0f}", f"{ratio:.3f}"]
        print(f"| {cut_name} | {lexicon} | " + " | ".join(cells) + " |")

if __name__ == "__main__":
    main()

"""Person and organisation extraction against People's Daily, January 1998.

Runs archive.lib.extraction on the 315 front-page articles of the pd1998
benchmark (one Article per benchmark article, its paragraphs as paragraphs)
and scores PER and ORG mentions against the gold spans, next to plain
jieba.posseg (nr -> PER, consecutive nr merged as the gold does; nt -> ORG)
measured in the same run. Exact: same span and type. Lenient: the spans
overlap. Also reports extraction time per 1,000 characters as a ratio to
plain jieba.cut on the same text, each the best of ROUNDS runs because the
machines are noisy.

The gold merges names printed back to back ("李鹏乔石朱镕基" in a caption is
one PER), which no extractor that finds people can match exactly; the
lenient score counts those.

    .venv/bin/python bench/entities_pd1998.py [path/to/front_pages_199801.jsonl]

The data is read in place and never copied into the project.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

import jieba
import jieba.posseg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.lib.extraction import extract  # noqa: E402
from archive.lib.parsing.records import Article  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "pd1998" / "front_pages_199801.jsonl"
TYPES = ("PER", "ORG")
ROUNDS = 3


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def gold_spans(doc: dict) -> set[tuple[str, int, int, int]]:
    return {(e["type"], e["para"], e["start"], e["end"]) for e in doc["entities"] if e["type"] in TYPES}


def to_paragraph(offset: int, starts: list[int]) -> tuple[int, int]:
    para = max(i for i, start in enumerate(starts) if start <= offset)
    return para, offset - starts[para]


def extractor_spans(docs: list[dict]) -> tuple[list[set], float]:
    found, elapsed = [], 0.0
    for doc in docs:
        article = Article(position=1, paragraphs=doc["paragraphs"])
        began = time.perf_counter()
        extraction = extract(article)
        elapsed += time.perf_counter() - began
        starts, offset = [], 0
        for paragraph in doc["paragraphs"]:
            starts.append(offset)
            offset += len(paragraph) + 1
        spans = set()
        for kind, mentions in (("PER", extraction.persons), ("ORG", extraction.organisations)):
            for mention in mentions:
                if mention.start is None:
                    continue
                para, start = to_paragraph(mention.start, starts)
                spans.add((kind, para, start, start + mention.end - mention.start))
        found.append(spans)
    return found, elapsed


def posseg_spans(docs: list[dict]) -> tuple[list[set], float]:
    found, elapsed = [], 0.0
    for doc in docs:
        spans = set()
        for para, paragraph in enumerate(doc["paragraphs"]):
            began = time.perf_counter()
            tokens = list(jieba.posseg.cut(paragraph))
            elapsed += time.perf_counter() - began
            offset, person = 0, None
            for token in tokens:
                end = offset + len(token.word)
                if token.flag == "nr":
                    person = (person[0], end) if person else (offset, end)
                else:
                    if person:
                        spans.add(("PER", para, *person))
                        person = None
                    if token.flag == "nt":
                        spans.add(("ORG", para, offset, end))
                offset = end
            if person:
                spans.add(("PER", para, *person))
        found.append(spans)
    return found, elapsed


def cut_time(docs: list[dict]) -> float:
    began = time.perf_counter()
    for doc in docs:
        for paragraph in doc["paragraphs"]:
            list(jieba.cut(paragraph))
    return time.perf_counter() - began


def overlaps(a: tuple, b: tuple) -> bool:
    return a[0] == b[0] and a[1] == b[1] and a[2] < b[3] and b[2] < a[3]


def score(golds: list[set], found: list[set], kind: str) -> dict[str, tuple[float, float, float]]:
    tp = fp = fn = 0
    lenient_p = lenient_r = predicted = gold_count = 0
    for gold, pred in zip(golds, found):
        gold = {s for s in gold if s[0] == kind}
        pred = {s for s in pred if s[0] == kind}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        predicted += len(pred)
        gold_count += len(gold)
        lenient_p += sum(1 for p in pred if any(overlaps(p, g) for g in gold))
        lenient_r += sum(1 for g in gold if any(overlaps(p, g) for p in pred))
    return {
        "exact": prf(tp, tp + fp, tp + fn),
        "lenient": prf2(lenient_p, predicted, lenient_r, gold_count),
    }


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    return prf2(tp, predicted, tp, gold)


def prf2(hit_p: int, predicted: int, hit_r: int, gold: int) -> tuple[float, float, float]:
    p = hit_p / predicted if predicted else 0.0
    r = hit_r / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    jieba.setLogLevel(logging.WARNING)
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    docs = load(path)
    chars = sum(len(p) for doc in docs for p in doc["paragraphs"])
    jieba.initialize()
    list(jieba.posseg.cut("预热"))
    extract(Article(position=1, paragraphs=["预热"]))

    golds = [gold_spans(doc) for doc in docs]
    base = min(cut_time(docs) for _ in range(ROUNDS))
    runs = [extractor_spans(docs) for _ in range(ROUNDS)]
    ours, ours_time = runs[0][0], min(seconds for _, seconds in runs)
    theirs, posseg_time = posseg_spans(docs)

    print(f"pd1998 front pages: {len(docs)} articles, {chars:,} characters")
    print(f"{'':24}{'exact P':>9}{'R':>7}{'F1':>7}{'lenient P':>11}{'R':>7}{'F1':>7}")
    for kind in TYPES:
        for label, found in (("archive.lib.extraction", ours), ("jieba.posseg", theirs)):
            s = score(golds, found, kind)
            (p, r, f), (lp, lr, lf) = s["exact"], s["lenient"]
            print(f"{kind + ' ' + label:24}{p:9.3f}{r:7.3f}{f:7.3f}{lp:11.3f}{lr:7.3f}{lf:7.3f}")
    def per_k(seconds: float) -> float:
        return seconds / chars * 1000 * 1000  # ms per 1,000 characters

    print(f"time per 1,000 characters: jieba.cut {per_k(base):.3f} ms, "
          f"archive.lib.extraction {per_k(ours_time):.3f} ms ({ours_time / base:.2f}x jieba.cut), "
          f"jieba.posseg {per_k(posseg_time):.3f} ms ({posseg_time / base:.2f}x jieba.cut)")


if __name__ == "__main__":
    main()

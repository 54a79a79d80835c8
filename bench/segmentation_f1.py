"""Whether the archive's lexicon hurts segmentation of general text.

Scores word-level precision, recall and F1 over character spans on a SIGHAN
2005 test set (read in place from the shared benchmarks folder, never copied):
plain jieba.cut, the archive's segment() with no lexicon, and segment() with a
lexicon. Lexicon words always come out whole, so a lexicon could break words
of general text that happen to contain them; a small loss here is the price of
editors' corrections, a large one a lexicon to prune. The default lexicon is
the people, organisations and terms of the sample pages, as editors correcting
them would teach it; --lexicon reads a word list instead (words separated by
spaces or line breaks, "-word" removes the word, "#" starts a comment).

    .venv/bin/python bench/segmentation_f1.py [--lexicon words.txt] [--corpus pku|msr]

Prints a markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

from archive.lib.segmentation import reset_lexicon, segment  # noqa: E402

SIGHAN = ROOT.parent / "shared" / "benchmarks" / "sighan2005"

SAMPLE_LEXICON = """
王成国 杨青玖 陈春雷 王乃召 王志浩 张倩 王浩 刘捷 王成 余勤 陆乐 彭佳学 徐文光 邱启文 赵承
孙文举 赵光君 张振丰 王昌荣 李占国 林贻影 安大钧 谢佳 申瑞龙 陈盼 萧江 高敏 蓝昕宇 钟法
陈海伟 李洁 张磊 潘旭萍 吕家琦 吕晓飞 许梅 阮家骅 过孟超 卫中强 吴达夫 陈立波 肖春霞
胡太顺 胡宗昊 胡海峰 朱巧湘 李锋 周锦勇 董旭明 倪雁强 孟欣
省委教育工委 省教育厅 省委政法委 省委社工部 省委社会工作部 省委网信办 省公安厅 省卫健委
省消防救援总队 省妇联 省检察院 省安委办 省平安办 省信访局 省司法厅 省应急管理厅 省委金融办
杭州市教育局 嘉兴市公安局 嘉善县委 绍兴市公安局 越城区分局 义乌市国际商贸学校
宁波市委政法委 台州市消防救援支队 杭州市委政法委 宁波市社会治理中心 温州市公安局
瓯海分局 嵊州市公安局 永康市委社会工作部 杭州互联网法院 泗安人民法庭 浙江法治报
警源治理 非警务事项 平安浙江 平安金华 平安丽水 护校安园 多跨协同 枫桥经验 长三角
设区市 综治中心 大平安 诉源治理 枫桥式人民法庭 食药环 浙西南革命精神 一件事 民转刑
"""


def read_lexicon(text: str) -> tuple[list[tuple[str, None, None]], list[str]]:
    additions, removals = [], []
    for line in text.splitlines():
        for word in line.split("#", 1)[0].split():
            if word.startswith("-"):
                removals.append(word[1:])
            else:
                additions.append((word, None, None))
    return additions, removals


def spans(words) -> set[tuple[int, int]]:
    result, start = set(), 0
    for word in words:
        result.add((start, start + len(word)))
        start += len(word)
    return result


def score(cut, lines, gold) -> tuple[float, float, float]:
    found = correct = expected = 0
    for line, words in zip(lines, gold):
        predicted = spans(word for word in cut(line) if not word.isspace())
        truth = spans(words)
        found += len(predicted)
        expected += len(truth)
        correct += len(predicted & truth)
    precision, recall = correct / found, correct / expected
    return precision, recall, 2 * precision * recall / (precision + recall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lexicon", type=Path, help="a word list; '-word' removes the word")
    parser.add_argument("--corpus", choices=("pku", "msr"), default="pku")
    args = parser.parse_args()

    def read(name):
        path = SIGHAN / f"{args.corpus}_{name}.utf8"
        lines = path.read_text(encoding="utf-8").split("\n")
        return lines[:-1] if lines[-1] == "" else lines

    lines, gold = read("test"), [line.split() for line in read("test_gold")]
    if len(lines) != len(gold):
        sys.exit(f"{args.corpus}: {len(lines)} test lines but {len(gold)} gold lines")
    if args.lexicon:
        source, (additions, removals) = args.lexicon.name, read_lexicon(
            args.lexicon.read_text(encoding="utf-8")
        )
    else:
        source, (additions, removals) = "the sample pages", read_lexicon(SAMPLE_LEXICON)

    def archive(line):
        return [word for word, _, _ in segment(line)]

    rows = [("jieba.cut", score(jieba.cut, lines, gold))]
    reset_lexicon()
    rows.append(("segment(), no lexicon", score(archive, lines, gold)))
    reset_lexicon(additions, removals)
    label = f"segment(), lexicon of {source}: {len(additions)} words"
    if removals:
        label += f", {len(removals)} removals"
    rows.append((label, score(archive, lines, gold)))
    reset_lexicon()

    print(
        f"Segmentation quality on SIGHAN 2005 {args.corpus.upper()} test "
        f"({len(lines):,} lines, {sum(map(len, gold)):,} gold words), word-level over "
        f"character spans; jieba {jieba.__version__}, HMM on.\n"
    )
    print("| | precision | recall | F1 |")
    print("|---|---|---|---|")
    for name, (precision, recall, f1) in rows:
        print(f"| {name} | {precision:.4f} | {recall:.4f} | {f1:.4f} |")


if __name__ == "__main__":
    main()

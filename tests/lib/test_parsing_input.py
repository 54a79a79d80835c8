"""Encodings, line endings and punctuation do not change what is read, and bad
bytes are refused with a reason."""

import re

import pytest

from archive.lib.parsing import ParseError, parse_bytes
from tests.paths import SEEDS_DIR

SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
FULL_WIDTH = str.maketrans({",": "，", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？", ";": "；", "0": "０", "7": "７", " ": "　"})


def reading(issue):
    articles = [
        (a.kind, a.kicker, a.title, a.subtitle, a.deck, a.column, [(b.name, b.role, b.credit) for b in a.bylines],
         a.dateline, a.date, a.paragraphs, a.continued_on_page, a.captions)
        for a in issue.articles
    ]
    return issue.publication, issue.number, issue.date, issue.page_count, articles


VARIANTS = {
    "crlf": lambda t: t.replace("\n", "\r\n").encode(),
    "cr": lambda t: t.replace("\n", "\r").encode(),
    "utf-8 bom": lambda t: b"\xef\xbb\xbf" + t.encode(),
    "gb18030": lambda t: t.encode("gb18030"),
    "gb18030 crlf": lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    "utf-16": lambda t: t.encode("utf-16"),
    "full-width punctuation": lambda t: t.translate(FULL_WIDTH).encode(),
    "doubled blank lines": lambda t: t.replace("\n", "\n\n").encode(),
    "trailing spaces and tabs": lambda t: "\n".join(line + " \t " for line in t.split("\n")).encode(),
    "indented paragraphs": lambda t: "\n".join(("\u3000\u3000" + line if len(line) > 40 else line) for line in t.split("\n")).encode(),
    "one blank line everywhere": lambda t: re.sub(r"\n{3,}", "\n\n", t).encode(),
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_variants_read_the_same(seed, variant):
    text = seed.read_text(encoding="utf-8")
    assert reading(parse_bytes(VARIANTS[variant](text))) == reading(parse_bytes(seed.read_bytes()))


def test_encoding_is_reported():
    text = SEEDS[0].read_text(encoding="utf-8")
    assert parse_bytes(text.encode("gb18030")).encoding == "gb18030"
    assert parse_bytes(b"\xef\xbb\xbf" + text.encode()).encoding == "utf-8-sig"
    assert parse_bytes(text.encode("utf-16")).encoding == "utf-16"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "空文件"),
        (b"  \n\r\n ", "空文件"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制文件"),
        (bytes(range(1, 32)) * 20, "二进制文件"),
        (b"\xff\xfe\xfd\x80\x80", "无法解码"),
        ("Just some English words.\n".encode(), "不是报纸版面"),
    ],
)
def test_bad_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(ParseError, match=reason):
        parse_bytes(data)

"""From the bytes a file arrives in to the text the parser reads.

Front pages reach the archive as UTF-8 (with or without a BOM), UTF-16 with a
BOM, or GB18030, with any line ending, and with full-width or ASCII
punctuation. The archive keeps the bytes as received; the parser reads a
normalised copy, so every rule downstream sees one alphabet: ASCII commas,
colons, parentheses and digits, ``\\n`` line ends, no trailing spaces.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from .records import ParseError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters other than tab, newline, carriage return and form feed:
# text extracted from print has none, binary files have many.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise ParseError saying why not."""
    if not data.strip():
        raise ParseError("空文件")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ParseError(
                    f"无法解码：有 {encoding} 的 BOM，内容却不是合法的 {encoding}（{exc.reason}）"
                ) from exc
    if b"\x00" in data:
        raise ParseError("二进制文件：含有 NUL 字节")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise ParseError("无法解码：既不是 UTF-8、带 BOM 的 UTF-16，也不是 GB18030")
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 200):
        raise ParseError(f"二进制文件：含有 {controls} 个控制字符")
    return text, encoding


# NFKC would spell the ellipsis "……" as six full stops; the page prints it,
# and so does the archive.
_ELLIPSIS, _KEPT = "\u2026", "\ue000"


def normalise(text: str) -> str:
    """NFKC (full-width punctuation, digits and spaces become ASCII; the
    ellipsis stays), ``\\n`` line ends, tabs as spaces, runs of spaces folded,
    lines stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace(_ELLIPSIS, _KEPT)
    text = unicodedata.normalize("NFKC", text).replace(_KEPT, _ELLIPSIS)
    text = _CONTROL.sub("", text).replace("\t", " ").replace("\f", "\n").replace("\u200b", "")
    lines = (re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))
    return "\n".join(lines)

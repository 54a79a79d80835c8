"""Hostile input never crashes the parser: it reads a page or says why not."""


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.lib.parsing import ParseError, parse_bytes, parse_text
from archive.lib.parsing.decoding import normalise
from tests.paths import SEEDS_DIR

SEED = (SEEDS_DIR / "003_53491b8926f1e68c.txt").read_text(encoding="utf-8")
LINES = SEED.split("\n")

chinese = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=40)
pieces = st.one_of(
    chinese,
    st.sampled_from(["本报讯 ", "本报记者 张三", "通讯员 李四 摄", "(下转2版)", "导读", "。", ",", "“", "”", "(右)", "\n", "\n\n", " "]),
    st.text(max_size=20),
)
fuzz = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reads_or_refuses(data: bytes):
    try:
        issue = parse_bytes(data)
    except ParseError as error:
        assert str(error)
        return
    for article in issue.articles:
        assert article.position >= 1
        assert all(paragraph for paragraph in article.paragraphs)


@fuzz
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    reads_or_refuses(data)


@fuzz
@given(st.lists(pieces, max_size=60))
def test_random_newspaper_like_text(parts):
    reads_or_refuses("".join(parts).encode("utf-8"))


@fuzz
@given(st.lists(st.sampled_from(LINES), max_size=80), st.randoms(use_true_random=False))
def test_shuffled_seed_lines(lines, random):
    random.shuffle(lines)
    reads_or_refuses("\n".join(lines).encode("gb18030"))


@fuzz
@given(st.integers(min_value=0, max_value=len(SEED)), st.text(max_size=30))
def test_seed_with_text_spliced_in(at, insert):
    reads_or_refuses((SEED[:at] + insert + SEED[at:]).encode("utf-8", errors="surrogatepass"))


def test_giant_line_and_control_characters():
    reads_or_refuses(("标题\n\n本报记者 张三\n\n本报讯 " + "很长的一段话," * 50000 + "。").encode())
    reads_or_refuses(SEED.replace("。", "。\x0b", 3).encode())
    reads_or_refuses(("\u202e" + SEED + "\ufeff\u200b").encode())


@fuzz
@given(st.text(max_size=300))
def test_normalised_text_parses_or_refuses(text):
    try:
        parse_text(normalise(text))
    except ParseError:
        pass

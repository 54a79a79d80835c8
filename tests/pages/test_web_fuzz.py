"""Hostile input on the web: the search box and its filters, and the
segmentation editor, given random and malformed text, never answer with a
server error, and never echo markup unescaped or change an article's text."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archive.models import Article
from archive.search import index_articles
from archive.segmentations import stored_segmentation, tokens_of

# Examples share the test's database: what one saves, the next sees.
fuzz = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

MARKUP = "<script>alert(1)</script>"
QUOTES = '"“”「」\'`'
CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F)
# Random Chinese text with the archive's own words, quotes, spaces and control characters in it.
MESSY = st.lists(
    st.one_of(CHINESE, CONTROL, st.sampled_from([*QUOTES, " ", "\u3000", "\t", "\n", "␣", "法院", "公安", "平安浙江"])),
    max_size=40,
).map("".join)
QUERIES = st.one_of(
    st.text(max_size=80),
    MESSY,
    st.builds(lambda before, after: before + MARKUP + after, MESSY, MESSY),
    st.builds(lambda word, times: word * times, st.sampled_from(["法", "杭州 ", '"法院', "“"]), st.integers(500, 20000)),
)
NUMBERS = st.one_of(st.integers(-(10**30), 10**30).map(str), st.text(max_size=12))
DATES = st.one_of(st.dates().map(str), st.text(max_size=12), st.just("2024-02-30"))
FILTERS = st.fixed_dictionaries(
    {},
    optional={
        "year": NUMBERS,
        "start": DATES,
        "end": DATES,
        "kind": st.one_of(st.sampled_from(["news", "photo", "teaser"]), st.text(max_size=10)),
        "person": NUMBERS,
        "sort": st.one_of(st.sampled_from(["relevance", "newest", "oldest"]), st.text(max_size=10)),
        "page": NUMBERS,
        "format": st.sampled_from(["json", "html", ""]),
    },
)


@pytest.fixture
def indexed(imported_seeds):
    index_articles(Article.objects.values_list("pk", flat=True))
    return imported_seeds


@settings(fuzz, max_examples=100)
@given(query=QUERIES, filters=FILTERS)
@example(query="法院", filters={"page": "461168601842738792"})  # an offset past a 64-bit integer
@example(query="法院", filters={"person": str(10**30)})
def test_the_search_box_takes_anything(indexed, client, query, filters):
    response = client.get(reverse("archive:search"), {"q": query, **filters})

    assert response.status_code in (200, 400), (query[:100], filters)
    if response["Content-Type"].startswith("text/html"):
        assert MARKUP not in response.content.decode()  # JSON may say it: it is not markup there


@pytest.fixture
def article(imported_seeds):
    return Article.objects.filter(kind="news").order_by("pk").first()


def correction_form(client, article):
    url = reverse("admin:archive_article_segmentation", args=[article.pk])
    form = client.get(url).context["form"]
    return url, {name: form[name].value() for name in form.fields}


def edited(spaced, edits):
    """``spaced`` with each ``(position, change)`` applied from the end:
    "split" inserts a space, "merge" drops the character there when it is a
    space, anything else is inserted as text."""
    text = spaced
    for position, change in sorted(edits, reverse=True):
        position %= len(text) + 1
        if change == "split":
            text = text[:position] + " " + text[position:]
        elif change == "merge":
            if text[position : position + 1] == " ":
                text = text[:position] + text[position + 1 :]
        else:
            text = text[:position] + change + text[position:]
    return text


EDITS = st.lists(
    st.tuples(
        st.integers(0, 10**6),
        st.one_of(st.sampled_from(["split", "merge"]), st.sampled_from(["split", "merge"]), MESSY),
    ),
    max_size=12,
)


@fuzz
@given(edits=EDITS, replace=st.one_of(st.none(), QUERIES))
def test_the_segmentation_editor_takes_anything(article, admin_client, edits, replace):
    text_before = Article.objects.get(pk=article.pk).text()
    url, data = correction_form(admin_client, article)
    data["segmented"] = replace if replace is not None else edited(data["segmented"], edits)

    response = admin_client.post(url, data)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors  # refused, with a reason shown
    saved = Article.objects.get(pk=article.pk)
    text = saved.text()
    assert text == text_before
    stored = stored_segmentation(saved)
    assert stored is not None and stored.fits(text)
    assert "".join(word for word, _, _ in tokens_of(saved)[1]) == text

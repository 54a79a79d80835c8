"""Full-text search: what a query finds, how the index follows the articles,
and what the search page shows (filters, facets, order, pages, snippets)."""

import datetime
import json

import pytest
from django.db import connection

from archive.models import Article, Byline, Person
from archive.search import excerpt, index_articles, parse_query, remove_articles
from tests.factories import make_issue

pytestmark = pytest.mark.django_db




def make_article(issue, title="", body="", position=1, credits=(), **fields):
    article = Article.objects.create(
        issue=issue, position=position, title=title, body=body, **fields
    )
    for number, name in enumerate(credits, start=1):
        person, _ = Person.objects.get_or_create(name=name)
        Byline.objects.create(article=article, person=person, role="本报记者", position=number)
    index_articles([article.pk])
    return article


def found(client, **params):
    """The ids of the articles the search page finds, in its order."""
    response = client.get("/search/", {**params, "format": "json"})
    assert response.status_code == 200
    return [result["id"] for result in json.loads(response.content)["results"]]


def index_size():
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM archive_search")
        return cursor.fetchone()[0]


@pytest.fixture
def issue():
    return make_issue("a.txt", datetime.date(2024, 7, 25), number=7047)


@pytest.fixture
def courts(issue):
    """Three articles: two name a court, one only 法治."""
    return {
        "internet": make_article(issue, "杭州互联网法院发布指引", "跨境网购也能七天无理由退货。"),
        "supreme": make_article(issue, "工作报告", "最高人民法院工作报告提请审议。", position=2),
        "law": make_article(issue, "法治建设", "推进法治浙江建设。", position=3),
    }


def test_a_word_finds_the_longer_words_that_contain_it(client, courts):
    assert set(found(client, q="法院")) == {courts["internet"].pk, courts["supreme"].pk}


def test_one_character(client, courts):
    assert set(found(client, q="法")) == {a.pk for a in courts.values()}


def test_latin_letters_in_any_case(client, issue):
    bank = make_article(issue, "中国银行", "BANK OF CHINA 跨境")
    assert found(client, q="bank") == [bank.pk]
    assert found(client, q="Bank of") == [bank.pk]
    assert found(client, q="banks") == []


def test_a_credited_name_finds_the_articles_and_the_person(client, issue):
    article = make_article(issue, "会议召开", "会议强调安全。", credits=["王乃召"])
    response = client.get("/search/", {"q": "王乃召"})
    assert [r["article"].pk for r in response.context["results"]] == [article.pk]
    person = Person.objects.get(name="王乃召")
    assert f'href="/people/{person.pk}/"' in response.content.decode()


def test_nothing_found(client, courts):
    response = client.get("/search/", {"q": "量子引力"})
    assert response.status_code == 200
    assert response.context["results"] == []
    assert "没有找到" in response.content.decode()


def test_a_query_of_punctuation_only(client, courts):
    response = client.get("/search/", {"q": "!!!,。"})
    assert response.status_code == 200
    assert response.context["results"] == []
    assert "没有可检索的文字" in response.content.decode()


def test_every_word_is_required(client, courts):
    assert found(client, q="法院 跨境") == [courts["internet"].pk]


def test_a_quoted_phrase_must_appear_verbatim(client, issue):
    whole = make_article(issue, "标题", "建设更高水平平安浙江。")
    apart = make_article(issue, "标题", "平安、安浙、浙江各有其事。", position=2)
    assert set(found(client, q="平安浙江")) == {whole.pk, apart.pk}
    assert found(client, q='"平安浙江"') == [whole.pk]
    assert found(client, q="“平安浙江”") == [whole.pk]


def test_headline_matches_rank_first(client, issue):
    in_body = make_article(issue, "工作会议", "会议听取了枫桥经验的汇报。" * 3)
    in_title = make_article(issue, "枫桥经验在浙江", "会议召开。", position=2)
    assert found(client, q="枫桥经验") == [in_title.pk, in_body.pk]


def test_the_index_follows_edits(client, courts):
    article = courts["law"]
    article.title = "检察公益诉讼"
    article.save()  # archive.derived: the index follows the save
    assert found(client, q="公益诉讼") == [article.pk]
    assert article.pk not in found(client, q="法治建设")


def test_deleted_articles_leave_the_index(courts):
    before = index_size()
    courts["law"].delete()
    assert index_size() == before - 1


def test_removed_articles_are_not_found(client, courts):
    remove_articles([courts["supreme"].pk])
    assert found(client, q="法院") == [courts["internet"].pk]
    index_articles([courts["supreme"].pk])
    assert len(found(client, q="法院")) == 2


def test_indexing_ids_that_do_not_exist_is_harmless(courts):
    before = index_size()
    index_articles([10**9])
    assert index_size() == before


@pytest.fixture
def spread():
    """Articles across two years, two kinds and two reporters."""
    older = make_issue("2023.txt", datetime.date(2023, 3, 1))
    newer = make_issue("2024.txt", datetime.date(2024, 5, 1))
    undated = make_issue("undated.txt")
    return {
        "old_news": make_article(older, "法院执行", "执行到位。", credits=["高敏"]),
        "old_photo": make_article(older, "法院一角", "图片。", position=2, kind="photo", credits=["钟法"]),
        "new_news": make_article(newer, "法院判决", "判决生效。", credits=["高敏"]),
        "undated": make_article(undated, "法院调解", "调解成功。"),
    }


def test_filter_by_year_kind_person_and_dates(client, spread):
    ids = {name: a.pk for name, a in spread.items()}
    assert set(found(client, q="法院", year=2023)) == {ids["old_news"], ids["old_photo"]}
    assert found(client, q="法院", kind="photo") == [ids["old_photo"]]
    person = Person.objects.get(name="高敏").pk
    assert set(found(client, q="法院", person=person)) == {ids["old_news"], ids["new_news"]}
    assert found(client, q="法院", start="2024-01-01") == [ids["new_news"]]
    assert set(found(client, q="法院", end="2023-12-31")) == {ids["old_news"], ids["old_photo"]}


def test_filters_work_without_a_query(client, spread):
    assert found(client, kind="photo") == [spread["old_photo"].pk]


def test_facet_counts(client, spread):
    data = json.loads(client.get("/search/", {"q": "法院", "format": "json"}).content)
    assert data["total"] == 4
    assert data["facets"]["years"] == [
        {"year": 2024, "count": 1},
        {"year": 2023, "count": 2},
        {"year": None, "count": 1},
    ]
    assert data["facets"]["kinds"] == [{"kind": "news", "count": 3}, {"kind": "photo", "count": 1}]
    assert data["facets"]["people"][0]["name"] == "高敏"
    assert data["facets"]["people"][0]["count"] == 2


def test_facet_links_narrow_the_search(client, spread):
    response = client.get("/search/", {"q": "法院"})
    year_2023 = next(row for row in response.context["year_facets"] if row["year"] == 2023)
    narrowed = json.loads(client.get(year_2023["url"] + "&format=json").content)
    assert narrowed["filters"] == {"year": "2023"}
    assert {r["id"] for r in narrowed["results"]} == {spread["old_news"].pk, spread["old_photo"].pk}


def test_sort_by_date(client, spread):
    ids = {name: a.pk for name, a in spread.items()}
    newest = found(client, q="法院", sort="newest")
    assert newest[0] == ids["new_news"]
    assert newest[-1] == ids["undated"]  # unknown dates last
    oldest = found(client, q="法院", sort="oldest")
    assert oldest[0] in (ids["old_news"], ids["old_photo"])
    assert oldest[-1] == ids["undated"]


def test_invalid_filters_are_refused(client, spread):
    response = client.get("/search/", {"q": "法院", "start": "2024-05-01", "end": "2024-01-01"})
    assert response.status_code == 400
    assert "起始日期不能晚于截止日期" in response.content.decode()
    assert client.get("/search/", {"q": "法院", "year": "二〇二四"}).status_code == 400


def test_pages_go_forward_with_next_links(client, issue):
    for position in range(1, 26):
        make_article(issue, f"法院新闻{position}", "内容。", position=position)
    first = client.get("/search/", {"q": "法院"})
    assert len(first.context["results"]) == 20
    assert first.context["next_url"] == "/search/?q=%E6%B3%95%E9%99%A2&page=2"
    second = client.get(first.context["next_url"])
    assert len(second.context["results"]) == 5
    assert second.context["next_url"] is None
    assert second.context["previous_url"] == "/search/?q=%E6%B3%95%E9%99%A2"
    ids = [r["article"].pk for r in first.context["results"] + second.context["results"]]
    assert len(set(ids)) == 25


@pytest.mark.parametrize("sort", ["relevance", "newest"])
def test_a_search_costs_the_same_queries_for_any_number_of_results(
    client, issue, django_assert_max_num_queries, sort
):
    # Facets, people, a tier count and a page of ids, the page's rows and
    # bylines, the people named; on PostgreSQL also BEGIN, SET LOCAL and
    # COMMIT (archive.search.planned).
    most = 10 if connection.vendor == "postgresql" else 7
    for position in range(1, 4):
        make_article(issue, "法院", "执行。", position=position, credits=["高敏", "钟法"])
    with django_assert_max_num_queries(most):
        client.get("/search/", {"q": "法院", "sort": sort})
    for position in range(4, 60):
        make_article(issue, "法院", "执行。", position=position, credits=[f"记者{position}"])
    with django_assert_max_num_queries(most):
        client.get("/search/", {"q": "法院", "sort": sort, "page": 2})


def test_hostile_text_is_escaped_and_still_marked(client, issue):
    make_article(issue, "<script>alert('法院')</script>", "<img src=x onerror=alert(1)> 法院")
    page = client.get("/search/", {"q": "法院 script"}).content.decode()
    assert "<script>" not in page
    assert "<img src=x" not in page
    assert "&lt;<mark>script</mark>&gt;" in page
    assert "<mark>法院</mark>" in page


def test_json_snippets_point_at_the_hits(client, courts):
    data = json.loads(client.get("/search/", {"q": "最高人民法院", "format": "json"}).content)
    (result,) = data["results"]
    snippet = result["snippet"]
    assert [snippet["text"][a:b] for a, b in snippet["hits"]] == ["最高人民法院"]
    assert result["issue"]["date"] == "2024-07-25"


def test_the_seeds_are_searchable(client, imported_seeds):
    index_articles(Article.objects.values_list("pk", flat=True))
    teaser = Article.objects.get(subtitle__contains="杭州互联网法院")
    assert teaser.pk in found(client, q="法院")
    reported = found(client, q="王成国")
    assert len(reported) >= 3
    assert found(client, q="枫桥式人民法庭")


# The pieces, without the database.


def test_parse_query_reads_words_and_phrases():
    query = parse_query(' 法院  "平安 浙江" 「枫桥经验」 执行 ')
    assert query.words == ("法院", "执行")
    assert query.phrases == ("平安 浙江", "枫桥经验")
    assert "法院" in query.terms and "枫桥" in query.terms


def test_parse_query_of_nothing():
    assert not parse_query("   ")
    assert not parse_query("……!!")
    assert not parse_query('""')


def test_excerpt_marks_and_merges_hits():
    query = parse_query("互联网法院")
    pieces = excerpt("杭州互联网法院发布指引", query).pieces
    assert pieces == [("杭州", False), ("互联网法院", True), ("发布指引", False)]


def test_excerpt_marks_pieces_of_a_longer_query():
    pieces = excerpt("互联网时代的法院", parse_query("互联网法院")).pieces
    assert ("互联网", True) in pieces and ("法院", True) in pieces


def test_excerpt_clips_around_the_first_hit():
    text = "甲" * 200 + "法院" + "乙" * 200
    clipped = excerpt(text, parse_query("法院"), length=50, lead=10)
    assert clipped.clipped_start and clipped.clipped_end
    assert len(clipped.text) == 50
    assert clipped.text[clipped.hits[0][0] : clipped.hits[0][1]] == "法院"
    assert clipped.hits[0][0] == 10


def test_excerpt_without_a_hit_is_the_opening():
    clipped = excerpt("甲" * 100, parse_query("法院"), length=20)
    assert clipped.text == "甲" * 20 and clipped.hits == [] and clipped.clipped_end


def test_a_trigger_dropped_by_a_table_rebuild_is_put_back(courts):
    from archive.search import prepare_index

    if connection.vendor != "sqlite":
        pytest.skip("only SQLite rebuilds tables")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER archive_search_article_deleted")
    prepare_index()
    before = index_size()
    courts["law"].delete()
    assert index_size() == before - 1


def test_key_orders_by_date_and_holds_the_rest():
    from archive.search import ID_MASK, ID_SHIFT, KIND_MASK, key

    older = key(99, datetime.date(2023, 12, 31), "photo", False)
    newer = key(1, datetime.date(2024, 1, 1), "news", True)
    undated = key(5, None, "news", False)
    assert undated < older < newer
    assert (older >> ID_SHIFT) & ID_MASK == 99
    assert older & KIND_MASK == 2 and newer & 8


@pytest.fixture
def phrases(issue):
    """Six articles with every pair of 平安浙江, three holding the phrase."""
    held = [make_article(issue, f"平安浙江{n}", "建设更高水平平安浙江。", position=n) for n in range(3)]
    apart = [make_article(issue, f"标题{n}", "平安、安浙、浙江各有其事。", position=10 + n) for n in range(3)]
    return held, apart


def test_a_phrase_with_few_candidates_is_counted_exactly(client, phrases):
    held, _ = phrases
    response = client.get("/search/", {"q": '"平安浙江"', "format": "json"})
    data = json.loads(response.content)
    assert data["total"] == 3 and data["total_exact"]
    assert {r["id"] for r in data["results"]} == {a.pk for a in held}
    assert data["facets"]["years"] == [{"year": 2024, "count": 3}]
    page = client.get("/search/", {"q": '"平安浙江"'}).content.decode()
    assert "找到 3 篇" in page and "按核对的比例估算" not in page


def test_a_phrase_with_many_candidates_is_estimated(client, phrases, monkeypatch):
    # Only the newest two candidates are read, and neither holds the
    # phrase: the estimate is no less than what the page found.
    monkeypatch.setattr("archive.search.query.CONFIRM", 2)
    held, _ = phrases
    data = json.loads(client.get("/search/", {"q": '"平安浙江"', "format": "json"}).content)
    assert not data["total_exact"]
    assert data["total"] == 3
    # The results themselves are always confirmed.
    assert {r["id"] for r in data["results"]} == {a.pk for a in held}
    page = client.get("/search/", {"q": '"平安浙江"'}).content.decode()
    assert f"找到约 {data['total']} 篇" in page
    assert "按核对的比例估算" in page


def test_phrase_pages_skip_the_candidates_without_the_phrase(client, issue):
    for n in range(30):  # newest first: every third holds the phrase
        body = "建设平安浙江。" if n % 3 == 0 else "平安、安浙、浙江。"
        make_article(issue, f"稿件{n}", body, position=n)
    first = client.get("/search/", {"q": '"平安浙江"', "sort": "newest"})
    assert len(first.context["results"]) == 10
    assert first.context["next_url"] is None
    assert all("平安浙江" in r["article"].body for r in first.context["results"])
    held = json.loads(
        client.get("/search/", {"q": '"平安浙江" 建设', "sort": "newest", "page": 1, "format": "json"}).content
    )
    assert len(held["results"]) == 10


def test_too_many_matches_are_not_counted(client, issue, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr("archive.search.query.COUNT_LIMIT", 4)
    for position in range(1, 8):
        make_article(issue, f"法院{position}", "执行。", position=position, credits=["高敏"])
    data = json.loads(client.get("/search/", {"q": "法院", "format": "json"}).content)
    assert data["total"] == 4 and data["total_capped"]
    assert data["facets"] == {"years": [], "kinds": [], "people": [], "people_sampled": False}
    assert len(data["results"]) == 7
    page = client.get("/search/", {"q": "法院"}).content.decode()
    assert "找到超过 4 篇" in page and "缩小范围" in page
    # Narrowed below the limit, counted again.
    narrowed = json.loads(client.get("/search/", {"q": "法院 执行", "kind": "photo", "format": "json"}).content)
    assert narrowed["total"] == 0 and not narrowed["total_capped"]
    # A later page skips the headline matches counting no further than it must.
    second = client.get("/search/", {"q": "法院", "page": 2})
    assert second.status_code == 200 and second.context["results"] == []


def test_postgresql_index_rows_are_narrow():
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL storage setting")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'archive_search'")
        assert "toast_tuple_target=128" in cursor.fetchone()[0]

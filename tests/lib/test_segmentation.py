import threading
from itertools import accumulate

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.lib.segmentation import (
    CorrectionError,
    apply_lexicon,
    correct,
    data_dir,
    keywords,
    query_terms,
    reset_lexicon,
    search_terms,
    segment,
    set_lexicon_source,
    shared_tokenizer,
    spaced,
    validate_word,
)
from archive.lib.segmentation import tokenizer as tokenizer_module
from tests.paths import SEEDS_DIR

# From seeds/000 and seeds/002.
MEETING = "省委教育工委副书记、省教育厅党组书记、厅长陈春雷参加。"
POLICE = "全省警源治理暨非警务事项协同处置工作推进会召开"
SCHOOL = "义乌市国际商贸学校等5家单位作交流汇报"


@pytest.fixture(autouse=True)
def plain_lexicon():
    reset_lexicon()
    yield
    reset_lexicon()


def words(text):
    return [word for word, _, _ in segment(text)]


def learn(correction):
    apply_lexicon([(word, None, None) for word in correction.added], correction.removed)


# Segmentation


REBUILD_CASES = [
    "",
    "浙江法治报",
    "  两个空格开头，结尾也有  ",
    "第一段\n第二段\n\n\n第三段\n",
    "Windows 换行\r\n与单独的\r回车\r\r\n",
    "全角ＣＮ３３与半角CN33-0118，邮箱zjfzb@126.com",
    "表情😀👨‍👩‍👧和控制字符\x00\x07\x1b以及\u3000全角空格\xa0不换行空格\u2028行分隔",
    "\t制表\t符\x0b\x0c",
    "literal ␣ open box",
]


@pytest.mark.parametrize("text", REBUILD_CASES)
def test_tokens_rebuild_the_text(text):
    tokens = segment(text)
    assert "".join(word for word, _, _ in tokens) == text
    assert all(text[start:end] == word for word, start, end in tokens)
    assert all(word for word, _, _ in tokens)
    assert [start for _, start, _ in tokens[1:]] == [end for _, _, end in tokens[:-1]]


def test_whitespace_and_punctuation_are_tokens_of_their_own():
    assert words("浙江 杭州\n\n嘉兴，\u3000湖州\r\n") == [
        "浙江", " ", "杭州", "\n", "\n", "嘉兴", "，", "\u3000", "湖州", "\r\n",
    ]


def test_without_a_lexicon_segmentation_is_plain_jieba():
    text = (SEEDS_DIR / "000_0352cf29d8e7f11b.txt").read_text(encoding="utf-8")
    assert words(text) == jieba.lcut(text)


def test_tokens_are_words_with_offsets():
    assert segment("浙江法治报") == [("浙江", 0, 2), ("法治", 2, 4), ("报", 4, 5)]


def test_the_dictionary_cache_lives_in_the_data_folder():
    folder = data_dir()
    assert shared_tokenizer().cache_file == str(folder / "jieba.cache")
    assert jieba.dt.cache_file == str(folder / "jieba.cache")
    assert (folder / "jieba.cache").is_file()


def test_the_tokenizer_is_built_once_with_the_lexicon_source(monkeypatch, tmp_path):
    folder = tmp_path / "not" / "yet" / "data"
    monkeypatch.setenv("NEWSROOM_DATA_DIR", str(folder))
    monkeypatch.setattr(tokenizer_module, "_tokenizer", None)
    monkeypatch.setattr(tokenizer_module, "_original_freq", {})
    monkeypatch.setattr(tokenizer_module, "_original_tags", {})
    monkeypatch.setattr(tokenizer_module, "_splits", {})
    calls = []

    def source():
        calls.append(1)
        return [("陈春雷", None, "nr")], ["党组书记"]

    set_lexicon_source(source)
    try:
        built = []
        threads = [threading.Thread(target=lambda: built.append(shared_tokenizer())) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        set_lexicon_source(None)
    assert len(calls) == 1
    assert len({id(tk) for tk in built}) == 1
    assert (folder / "jieba.cache").is_file()
    assert "陈春雷" in words(MEETING)
    assert "党组书记" not in words(MEETING)


# The lexicon


def test_additions_make_one_token():
    before = words(MEETING) + words(POLICE)
    assert not {"陈春雷", "省委教育工委", "警源治理"} & set(before)
    apply_lexicon([("陈春雷", None, None), ("省委教育工委", None, None), ("警源治理", None, None)])
    assert words(MEETING)[:2] == ["省委教育工委", "副"]
    assert "陈春雷" in words(MEETING)
    assert words(POLICE)[:3] == ["全省", "警源治理", "暨"]


def test_an_addition_wins_against_the_words_around_it():
    # jieba's add_word would leave 国际商贸 whole here: 商贸学校 only beats 商贸 学校.
    assert words(SCHOOL)[:3] == ["义乌市", "国际商贸", "学校"]
    apply_lexicon([("商贸学校", None, None)])
    assert words(SCHOOL)[:3] == ["义乌市", "国际", "商贸学校"]


def test_of_overlapping_additions_the_longer_reading_wins():
    apply_lexicon([("王成", None, None), ("王成国", None, None)])
    assert words("省委副书记王成出席。王成国讲话") == [
        "省委", "副", "书记", "王成", "出席", "。", "王成国", "讲话",
    ]


def test_an_addition_stays_whole_when_its_parts_are_additions_too():
    apply_lexicon([("省委", None, "nt"), ("政法委", None, "nt"), ("省委政法委", None, "nt")])
    assert words("省委政法委常务副书记")[:2] == ["省委政法委", "常务副"]
    assert words("省委和政法委") == ["省委", "和", "政法委"]


def test_of_overlapping_additions_the_one_covering_more_wins():
    apply_lexicon([("宁波市", None, None), ("市社会治理中心", None, None)])
    assert words("宁波市社会治理中心")[-1] == "市社会治理中心"


def test_removals_split_dictionary_words_hmm_words_and_latin_runs():
    assert {"党组书记", "杨青玖", "CN33"} <= set(words("党组书记杨青玖主持，CN33"))
    apply_lexicon(removals=["党组书记", "杨青玖", "CN33"])
    result = words("党组书记杨青玖主持，CN33")
    assert not {"党组书记", "杨青玖", "CN33"} & set(result)
    assert "".join(result) == "党组书记杨青玖主持，CN33"
    assert result[:2] == ["党组", "书记"]


def test_a_later_addition_undoes_a_removal():
    apply_lexicon(removals=["党组书记"])
    apply_lexicon([("党组书记", None, None)])
    assert "党组书记" in words(MEETING)


def test_one_call_cannot_add_and_remove_a_word():
    with pytest.raises(ValueError, match="既添加又删除"):
        apply_lexicon([("陈春雷", None, None)], ["陈春雷"])


def test_an_explicit_frequency_competes_like_a_dictionary_word():
    apply_lexicon([("陈春雷", 3, "nr")])
    assert shared_tokenizer().FREQ["陈春雷"] == 3
    assert shared_tokenizer().user_word_tag_tab["陈春雷"] == "nr"


def test_reset_returns_to_jiebas_dictionary_plus_the_given_lexicon():
    freq = dict(shared_tokenizer().FREQ)
    apply_lexicon([("省委教育工委", None, "nt"), ("商贸学校", 5, None)], ["党组书记"])
    reset_lexicon([("警源治理", None, None)])
    assert words(MEETING)[:3] == ["省委", "教育", "工委"]
    assert "党组书记" in words(MEETING)
    assert "警源治理" in words(POLICE)
    reset_lexicon()
    assert shared_tokenizer().FREQ == freq
    assert "省委教育工委" not in shared_tokenizer().user_word_tag_tab


@pytest.mark.parametrize("word", ["陈", "", "陈 春雷", "浙江，杭州", "“枫桥经验”", "a\nb"])
def test_words_the_tokenizer_cannot_learn_are_refused(word):
    with pytest.raises(ValueError, match="不能作为词条"):
        validate_word(word)
    with pytest.raises(ValueError, match="不能作为词条"):
        apply_lexicon([(word, None, None)])


def test_a_frequency_must_be_a_positive_integer():
    with pytest.raises(ValueError, match="正整数"):
        apply_lexicon([("陈春雷", 0, None)])


# Corrections


def test_merges_are_learnt():
    tokens = segment(MEETING)
    edited = spaced(tokens).replace("省委 教育 工委", "省委教育工委").replace("陈 春雷", "陈春雷")
    correction = correct(MEETING, tokens, edited)
    assert correction.added == ("省委教育工委", "陈春雷")
    assert correction.removed == ()
    assert correction.tokens[:2] == [("省委教育工委", 0, 6), ("副", 6, 7)]
    learn(correction)
    assert segment(MEETING) == correction.tokens


def test_splits_are_learnt():
    tokens = segment(MEETING)
    correction = correct(MEETING, tokens, spaced(tokens).replace("党组书记", "党组 书记"))
    assert correction.added == ()  # 党组 and 书记 are known words
    assert correction.removed == ("党组书记",)
    learn(correction)
    assert segment(MEETING) == correction.tokens


def test_a_moved_boundary_removes_one_word_and_adds_another():
    tokens = segment(SCHOOL)
    correction = correct(SCHOOL, tokens, spaced(tokens).replace("国际商贸 学校", "国际 商贸学校"))
    assert correction.added == ("商贸学校",)
    assert correction.removed == ("国际商贸",)
    learn(correction)
    assert segment(SCHOOL) == correction.tokens
    assert "商贸学校" in words("他在商贸学校读书")


def test_an_unknown_piece_of_a_split_token_is_learnt():
    text = "厅长陈春雷参加"
    tokens = [("厅长", 0, 2), ("陈春雷参加", 2, 7)]
    correction = correct(text, tokens, "厅长 陈春雷 参加")
    assert correction.added == ("陈春雷",)
    assert correction.removed == ("陈春雷参加",)


def test_correcting_nothing_changes_nothing():
    text = (SEEDS_DIR / "002_541a4b56de37f9e2.txt").read_text(encoding="utf-8")
    tokens = segment(text)
    correction = correct(text, tokens, spaced(tokens))
    assert correction.tokens == tokens
    assert correction.added == correction.removed == ()


def test_a_word_merged_in_one_place_and_split_in_another_is_refused():
    text = "陈春雷，陈春雷"
    tokens = [("陈", 0, 1), ("春雷", 1, 3), ("，", 3, 4), ("陈春雷", 4, 7)]
    with pytest.raises(CorrectionError, match="“陈春雷”在一处是一个词，在另一处又被拆开了"):
        correct(text, tokens, "陈春雷 ， 陈 春雷")


@pytest.mark.parametrize(
    "change, named",
    [
        (lambda s: s.replace("陈", "阵"), "【陈】"),
        (lambda s: s.replace("陈 ", ""), "【陈】"),
        (lambda s: s.replace("参加", "参加了"), "【。】"),
        (lambda s: s.replace("参加 。", "参加"), "原文后面还有“。”"),
        (lambda s: s + "！", "修改稿末尾多出了“！”"),
    ],
)
def test_changing_the_text_is_refused_naming_the_difference(change, named):
    tokens = segment(MEETING)
    with pytest.raises(CorrectionError) as refused:
        correct(MEETING, tokens, change(spaced(tokens)))
    assert str(refused.value).startswith("只能修改分词边界，不能修改文字")
    assert named in str(refused.value)


def test_tokens_that_do_not_rebuild_the_text_are_a_programming_error():
    with pytest.raises(ValueError, match="do not rebuild"):
        correct("浙江", [("浙", 0, 1)], "浙")


# Whitespace in corrections

SPACED_TEXT = "New York 法院\n\n浙江\u3000法治\r\n报"


def test_the_texts_own_whitespace_is_shown_and_line_breaks_stay():
    assert spaced(segment(SPACED_TEXT)) == "New ␣ York ␣ 法院\n\n浙江 ␣ 法治 ␣\n报"


def test_whitespace_is_always_a_token_of_its_own():
    tokens = segment(SPACED_TEXT)
    correction = correct(SPACED_TEXT, tokens, "New␣York␣法院\n\n浙江␣法治␣\n报")
    assert correction.tokens == tokens
    assert correction.added == correction.removed == ()


def test_any_typed_whitespace_but_a_line_break_separates_words():
    tokens = segment(SPACED_TEXT)
    correction = correct(SPACED_TEXT, tokens, "  New\t␣ York ␣ 法\u3000院 \n\n 浙江 ␣ 法治 ␣\n报  ")
    assert correction.tokens[4:6] == [("法", 9, 10), ("院", 10, 11)]
    assert correction.removed == ("法院",)


def test_browsers_crlf_line_breaks_are_line_breaks():
    tokens = segment(SPACED_TEXT)
    edited = spaced(tokens).replace("\n", "\r\n").replace("浙江 ␣ 法治", "浙江 ␣ 法 治")
    correction = correct(SPACED_TEXT, tokens, edited)
    assert correction.removed == ("法治",)


@pytest.mark.parametrize(
    "edited",
    [
        "New York ␣ 法院\n\n浙江 ␣ 法治 ␣\n报",  # a typed space for the text's own space
        "New ␣ York ␣ 法院\n浙江 ␣ 法治 ␣\n报",  # a line break deleted
        "New ␣ York ␣ 法院\n\n浙江 ␣ 法治 ␣\n\n报",  # a line break added
        "New ␣ York ␣ 法院\n\n浙江 ␣ 法治\n报",  # the CR deleted
    ],
)
def test_the_texts_own_whitespace_cannot_be_changed(edited):
    with pytest.raises(CorrectionError, match="不能修改文字"):
        correct(SPACED_TEXT, segment(SPACED_TEXT), edited)


def test_punctuation_cannot_be_merged_into_a_word():
    text = "浙江，杭州“平安”"
    tokens = segment(text)
    correction = correct(text, tokens, "浙江，杭州“平安”")
    assert correction.tokens == tokens
    assert [word for word, _, _ in tokens] == ["浙江", "，", "杭州", "“", "平安", "”"]
    assert correction.added == ()


def test_a_literal_open_box_in_the_text_is_still_text():
    text = "符号␣和 空格"
    tokens = segment(text)
    assert spaced(tokens) == "符号 ␣ 和 ␣ 空格"
    assert correct(text, tokens, "符号␣和␣空格").tokens == tokens
    with pytest.raises(CorrectionError):
        correct(text, tokens, "符号 和 ␣ 空格")


# Search


def test_a_query_for_a_word_finds_it_inside_longer_words():
    query = set(query_terms("法院"))
    assert query <= set(search_terms("杭州互联网法院"))
    assert query <= set(search_terms("最高人民法院"))
    assert not query <= set(search_terms("杭州互联网法治"))


def test_the_index_does_not_depend_on_the_lexicon():
    before = search_terms("杭州互联网法院")
    apply_lexicon([("杭州互联网法院", None, "nt")])
    assert search_terms("杭州互联网法院") == before


def test_query_terms_for_a_name_need_the_whole_name():
    assert query_terms("陈春雷") == ["陈春", "春雷"]
    assert set(query_terms("陈春雷")) <= set(search_terms(MEETING))
    assert not set(query_terms("陈春雷")) <= set(search_terms("陈春，春雨"))


def test_one_character_queries_find_the_character():
    assert query_terms("法") == ["法"]
    assert "法" in search_terms("浙江法治报")


def test_latin_letters_and_digits_are_whole_words_without_case():
    assert query_terms("ZJFZB@126.com") == ["zjfzb", "126", "com"]
    assert {"zjfzb", "126", "com", "cn33", "0118"} <= set(
        search_terms("邮箱:zjfzb@126.com 刊号:ＣＮ３３-0118")
    )
    assert query_terms("Ｗｗｗ") == ["www"]


def test_a_query_of_nothing_searchable_has_no_terms():
    assert query_terms("") == []
    assert query_terms("，。！  ") == []


def test_index_terms_are_distinct():
    terms = search_terms("平安浙江，平安浙江")
    assert len(terms) == len(set(terms))
    assert terms == ["平", "安", "平安", "浙", "安浙", "江", "浙江"]


# Keywords


def tokens_of(*words):
    starts = accumulate(map(len, words), initial=0)
    return [(word, start, start + len(word)) for word, start in zip(words, starts)]


def test_keywords_are_ranked_by_the_archives_document_frequencies():
    tokens = tokens_of("平安", "浙江", "，", "警源治理", "平安", "警源治理", "的", "浙江")
    doc_freq = {"平安": 900, "浙江": 950, "警源治理": 3}
    ranked = keywords(tokens, doc_freq, n_docs=1000)
    assert [word for word, _ in ranked] == ["警源治理", "平安", "浙江"]
    assert ranked[0][1] > ranked[1][1] > ranked[2][1]
    # The same article in an archive where 平安 is rare.
    ranked = keywords(tokens, {"平安": 1, "浙江": 950, "警源治理": 3}, n_docs=1000)
    assert ranked[0][0] == "平安"


def test_keywords_skip_stop_words_single_characters_punctuation_and_numbers():
    tokens = tokens_of("我们", "的", "了", "和", "——", "2024", "7132", "进行", "CN33", "枫桥经验")
    assert [word for word, _ in keywords(tokens, {}, n_docs=10)] == ["CN33", "枫桥经验"]


def test_keywords_skip_the_generic_words_of_official_reports():
    tokens = tokens_of("全省", "校园", "安全", "工作", "会议", "，", "建设", "工作", "会议", "工作")
    assert [word for word, _ in keywords(tokens, {}, n_docs=10)] == ["校园", "安全"]


def test_keywords_put_a_rare_word_before_a_common_one_repeated_more():
    tokens = tokens_of(*["浙江"] * 8, "警源治理")
    ranked = keywords(tokens, {"浙江": 900, "警源治理": 3}, n_docs=1000)
    assert [word for word, _ in ranked] == ["警源治理", "浙江"]
    # A word every article has weighs next to nothing, not a share of the rarest.
    assert keywords(tokens_of("浙江"), {"浙江": 1000}, n_docs=1000)[0][1] < 0.001


def test_keywords_are_limited_to_top_and_unknown_words_weigh_most():
    tokens = tokens_of("甲乙", "丙丁", "戊己", "庚辛")
    ranked = keywords(tokens, {"甲乙": 5, "丙丁": 5, "戊己": 5}, n_docs=10, top=2)
    assert [word for word, _ in ranked] == ["庚辛", "甲乙"]


def test_an_article_without_candidates_has_no_keywords():
    assert keywords(tokens_of("的", "，"), {}, n_docs=0) == []


# Properties

HAN = "浙江法治报省委教育工委陈春雷警源治理平安杭州互联网法院的了和"
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(HAN),
        st.sampled_from("abcXYZ019-._%@"),
        st.sampled_from(" \t\n\r\u3000\xa0，。“”！😀\x00␣"),
        st.characters(codec="utf-8"),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_segmentation_rebuilds_any_text_and_its_spaced_form_corrects_nothing(text):
    tokens = segment(text)
    assert "".join(word for word, _, _ in tokens) == text
    assert all(text[start:end] == word for word, start, end in tokens)
    correction = correct(text, tokens, spaced(tokens))
    assert correction.tokens == tokens
    assert correction.added == correction.removed == ()


@settings(max_examples=200, deadline=None)
@given(TEXT, st.data())
def test_any_moved_separators_give_tokens_that_rebuild_the_text(text, data):
    tokens = segment(text)
    shown = spaced(tokens)
    # Delete some separators and type others anywhere.
    edited = "".join(
        ("" if char == " " else char) if data.draw(st.booleans()) else " " + char
        for char in shown
    )
    try:
        correction = correct(text, tokens, edited)
    except CorrectionError as refused:
        assert "同一个词只能有一种分法" in str(refused)
        return
    assert "".join(word for word, _, _ in correction.tokens) == text
    assert all(text[start:end] == word for word, start, end in correction.tokens)
    assert spaced(correction.tokens).replace(" ", "") == shown.replace(" ", "")
    again = correct(text, correction.tokens, spaced(correction.tokens))
    assert again.tokens == correction.tokens
    assert again.added == again.removed == ()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(HAN + "，。 \n"), min_size=1, max_size=40), st.data())
def test_every_piece_of_a_text_is_found_by_its_query_terms(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    assert set(query_terms(text[start:end])) <= set(search_terms(text))


def test_a_giant_run_of_letters_is_indexed_and_queried_by_its_beginning():
    from archive.lib.segmentation.terms import LONGEST_TERM, query_terms, search_terms

    run = "a" * 5000
    assert search_terms(f"法院{run}") == ["法", "院", "法院", "a" * LONGEST_TERM]
    assert query_terms(run) == ["a" * LONGEST_TERM]

"""Who did what, where and when: people, organisations and events named in
one parsed article.

Plain Python over ``archive.lib.parsing.records.Article``, no database: the
importer runs it on every article, so it is built from patterns and word
lists and asks jieba's dictionary only about the few candidates they find.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

import jieba

from archive.lib.parsing.leads import OWN_SOURCES, read_lead
from archive.lib.parsing.records import Article, article_text

from .events import find_events
from .organisations import MEDIA, find_organisations, kind_of
from .persons import find_persons, headline_span, title_bodies
from .records import Event, Extraction, Organisation, Person
from .vocabulary import vocabulary

# "浙江日报记者", "新华社首席记者": another paper's reporter.
_CREDITING_PAPER = re.compile(r"(?P<paper>.+?)(?:首席|特约|见习|实习|驻站)?(?:摄影记者|记者)")

__all__ = ["Event", "Extraction", "Organisation", "Person", "extract", "lexicon_words"]


def extract(
    article: Article,
    issue_date: datetime.date | None = None,
    tokenizer: jieba.Tokenizer | None = None,
    outlets: Sequence[str] = (),
) -> Extraction:
    """The people, organisations and events of one article. issue_date
    completes dates printed without a year; tokenizer is the jieba
    tokenizer whose dictionary vets names (jieba's default one when None);
    outlets are the paper and sites the issue's masthead names
    (records.Issue.outlets)."""
    text = article_text(article)
    vocab = vocabulary(tokenizer)
    organisations = find_organisations(text, vocab)
    persons = find_persons(article, text, vocab)
    organisations = (
        _own_outlets(article, outlets) + _filed_by(article) + _credited(article)
        + _with_title_bodies(organisations, persons)
    )
    events = find_events(article, text, persons, issue_date, headline_span(article))
    return Extraction(persons=persons, organisations=organisations, events=events)


def _own_outlets(article: Article, outlets: Sequence[str]) -> list[Organisation]:
    """The paper of the masthead and its sites, named by an article its
    own reporters credit ("本报记者", "本报通讯员"): 本报 is the paper the
    masthead prints (without offsets, as the masthead is no article's text)."""
    if not any(byline.role.startswith("本报") for byline in article.bylines):
        return []
    return [Organisation(name=outlet, canonical=outlet, kind=MEDIA) for outlet in outlets]


def _filed_by(article: Article) -> list[Organisation]:
    """The paper, agency or site whose lead the dateline keeps
    ("新华社北京4月2日电", "某某晚报讯"), without offsets."""
    lead = read_lead(article.dateline)
    if lead is None or lead.source in OWN_SOURCES:
        return []
    return [Organisation(name=lead.source, canonical=lead.source, kind=MEDIA)]


def _credited(article: Article) -> list[Organisation]:
    """The other papers and agencies the bylines credit: "浙江日报记者"
    names 浙江日报 (without offsets, as bylines are not in the text)."""
    found = {}
    for byline in article.bylines:
        paper = _CREDITING_PAPER.fullmatch(byline.role)
        if paper and paper["paper"] not in found:
            named = find_organisations(paper["paper"])
            if len(named) == 1 and named[0].name == paper["paper"]:
                found[paper["paper"]] = Organisation(
                    name=named[0].name, canonical=named[0].canonical, kind=named[0].kind,
                )
    return list(found.values())


def _with_title_bodies(organisations: list[Organisation], persons: list[Person]) -> list[Organisation]:
    """The organisations found, and those the titles before names print
    without a place ("省委常委、政法委书记王成国": 政法委 is 浙江省委政法委),
    in text order."""
    taken = bytearray(max((o.end for o in organisations), default=0))
    for found in organisations:
        taken[found.start:found.end] = b"\x01" * (found.end - found.start)
    added = []
    for person in persons:
        if not person.titles or person.start is None:
            continue
        offset = person.start - len(person.titles)
        for start, end, canonical, parent in title_bodies(person.titles):
            start, end = offset + start, offset + end
            if any(taken[start:end]):
                continue
            name = person.titles[start - offset:end - offset]
            added.append(Organisation(
                name=name, canonical=canonical, kind=kind_of(canonical), parent=parent, start=start, end=end,
            ))
    return sorted(organisations + added, key=lambda o: o.start)


def lexicon_words(extraction: Extraction) -> list[tuple[str, str]]:
    """Names for jieba's dictionary so that segmentation keeps them whole:
    (name, "nr") for people, (name, "nt") for organisations, each once."""
    words: dict[str, str] = {}
    for person in extraction.persons:
        words.setdefault(person.name, "nr")
    for organisation in extraction.organisations:
        words.setdefault(organisation.name, "nt")
        words.setdefault(organisation.canonical, "nt")
    return list(words.items())

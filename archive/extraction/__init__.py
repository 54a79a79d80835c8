"""Who did what, where and when: people, organisations and events named in
one parsed article.

Plain Python over ``archive.parsing.records.Article``, no database: the
importer runs it on every article, so it is built from patterns and word
lists and asks jieba's dictionary only about the few candidates they find.
"""

from __future__ import annotations

import datetime

import jieba

from archive.parsing.records import Article, article_text

from .events import find_events
from .organisations import find_organisations
from .persons import find_persons, headline_span
from .records import Event, Extraction, Organisation, Person
from .vocabulary import vocabulary

__all__ = ["Event", "Extraction", "Organisation", "Person", "extract", "lexicon_words"]


def extract(article: Article, issue_date: datetime.date | None = None, tokenizer: jieba.Tokenizer | None = None) -> Extraction:
    """The people, organisations and events of one article. issue_date
    completes dates printed without a year; tokenizer is the jieba
    tokenizer whose dictionary vets names (jieba's default one when None)."""
    text = article_text(article)
    vocab = vocabulary(tokenizer)
    organisations = find_organisations(text, vocab)
    persons = find_persons(article, text, vocab)
    events = find_events(article, text, persons, issue_date, headline_span(article))
    return Extraction(persons=persons, organisations=organisations, events=events)


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

"""The archive's models, one module per idea: issues as received and their
articles (``issues``); the people, organisations and events the articles name
(``entities``); the lexicon the tokenizer learns and each article's
segmentation (``lexicon``); editors' tags (``tags``); where merged people,
organisations and events went (``merges``); long work run in the background
(``jobs``)."""

from .entities import (
    ENTITY_KINDS,
    EVENT_KIND_LABELS,
    ORGANISATION_KIND_LABELS,
    Event,
    Mention,
    Organisation,
    OrganisationAlias,
    Participant,
    Person,
    PersonAlias,
    Position,
)
from .history import ChangeReason
from .issues import KIND_LABELS, Article, Byline, Issue
from .jobs import Job, UploadedPage
from .lexicon import LexiconEntry, LexiconVersion
from .merges import Merged
from .segmentation import Segmentation, TermStatistic
from .tags import ArticleTag, Tag

__all__ = [
    "ENTITY_KINDS",
    "EVENT_KIND_LABELS",
    "KIND_LABELS",
    "ORGANISATION_KIND_LABELS",
    "Article",
    "ArticleTag",
    "Byline",
    "ChangeReason",
    "Event",
    "Issue",
    "Job",
    "LexiconEntry",
    "LexiconVersion",
    "Mention",
    "Merged",
    "Organisation",
    "OrganisationAlias",
    "Participant",
    "Person",
    "PersonAlias",
    "Position",
    "Segmentation",
    "Tag",
    "TermStatistic",
    "UploadedPage",
]

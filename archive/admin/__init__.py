"""The editors' admin, one module per idea: issues, articles and bylines
(``issues``); the mentions extraction found in articles (``mentions``); the
people, organisations and events they name (``entities``); the lexicon and
segmentation corrections (``lexicon``); tags (``tags``)."""

from . import entities, issues, lexicon, mentions, tags  # noqa: F401  (registers the ModelAdmins)

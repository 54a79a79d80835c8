"""The editors' admin, one module per idea: issues, articles and bylines
(``issues``); the mentions extraction found in articles (``mentions``); the
people, organisations and events they name (``entities``); the lexicon and
segmentation corrections (``lexicon``); tags (``tags``); work in the background
(``jobs``)."""

from . import entities, issues, jobs, lexicon, mentions, tags  # noqa: F401  (registers the ModelAdmins)

"""The archive's models, one module per idea: issues as received and their
articles (``issues``)."""

from .issues import KIND_LABELS, Article, Byline, Issue, Person

__all__ = ["KIND_LABELS", "Article", "Byline", "Issue", "Person"]

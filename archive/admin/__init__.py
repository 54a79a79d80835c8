"""The editors' admin, one module per idea: issues, articles and bylines
(``issues``)."""

from . import issues  # noqa: F401  (registers the ModelAdmins)

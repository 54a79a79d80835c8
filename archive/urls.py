"""The public archive's addresses: readable, stable, and built on natural keys
where those do not change (an issue's date, its source file's name, a tag's
slug); ids otherwise (people, organisations and events are renamed and
merged)."""

from django.urls import path, register_converter

from archive.views import articles, events, issues, organisations, people, search, tags
from archive.views.converters import IsoDateConverter, IsoMonthConverter, YearConverter

register_converter(YearConverter, "year")
register_converter(IsoMonthConverter, "month")
register_converter(IsoDateConverter, "day")

app_name = "archive"

urlpatterns = [
    path("", issues.home, name="home"),
    path("issues/", issues.index, name="issues"),
    path("issues/<year:year>/", issues.year, name="issue_year"),
    path("issues/<month:month>/", issues.month, name="issue_month"),
    path("issues/<day:day>/", issues.day, name="issue_day"),
    path("issues/source/<path:source_name>/", issues.by_source, name="issue_source"),
    path("articles/<int:pk>/", articles.detail, name="article"),
    path("people/", people.index, name="people"),
    path("people/<int:pk>/", people.detail, name="person"),
    path("organisations/", organisations.index, name="organisations"),
    path("organisations/<int:pk>/", organisations.detail, name="organisation"),
    path("events/", events.index, name="events"),
    path("events/<int:pk>/", events.detail, name="event"),
    path("tags/", tags.index, name="tags"),
    path("tags/<str:slug>/", tags.detail, name="tag"),
    path("search/", search.results, name="search"),
]

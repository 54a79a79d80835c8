"""The roles (groups made by migration 0008_groups): what 编辑, 审校 and 只读
staff can see and do in the admin and what they cannot, and what anonymous
visitors reach."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from archive.models import Article, Byline, Issue, LexiconEntry, Mention, Person, Tag
from archive.search import Search, index_articles, parse_query
from tests.admin.forms import form_data

EDITOR, REVIEWER, READER = "编辑", "审校", "只读"
ROLES = [EDITOR, REVIEWER, READER]


def url(model, view, *args):
    return reverse(f"admin:archive_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def archive(db):
    issue = Issue.objects.create(
        source_name="roles.txt",
        source_sha256="0" * 64,
        source=b"",
        source_encoding="utf-8",
        number=7047,
        date="2024-07-25",
    )
    article = Article.objects.create(
        issue=issue, position=1, title="平安浙江建设", body="平安浙江建设取得新进展。"
    )
    person = Person.objects.create(name="谢佳")
    Byline.objects.create(article=article, person=person, role="本报记者")
    Person.objects.create(name="谢 佳")
    LexiconEntry.objects.create(word="平安浙江", source=LexiconEntry.Source.EDITOR)
    index_articles([article.pk])
    return article


@pytest.fixture
def client_of(db, django_user_model):
    """A logged-in staff client in the group."""

    def make(group):
        user = django_user_model.objects.create_user(f"user-{ROLES.index(group)}", password="x", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        client = Client()
        client.force_login(user)
        return client

    return make


def codenames(group):
    return set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))


def test_the_groups_exist_after_migrate_with_their_permissions(db):
    editor, reviewer, reader = codenames(EDITOR), codenames(REVIEWER), codenames(READER)
    assert {"view_article", "add_article", "change_article", "view_issue", "delete_byline"} <= editor
    assert {"change_segmentation", "change_lexiconentry", "change_tag", "add_articletag"} <= editor
    assert not {"change_issue", "delete_article", "delete_person", "publish_article", "merge_person"} & editor
    assert editor < reviewer
    assert reviewer - editor == {
        "change_issue",
        "delete_article",
        "delete_tag",
        "delete_lexiconentry",
        "delete_person",
        "delete_organisation",
        "delete_event",
        "publish_article",
        "publish_issue",
        "merge_person",
        "merge_organisation",
        "merge_event",
    }
    assert all(codename.startswith("view_") for codename in reader)
    assert {codename for codename in editor if codename.startswith("view_")} == reader


# (role's expected answer) for EDITOR, REVIEWER, READER
PAGES = {
    "article changelist": (lambda a: url(Article, "changelist"), (200, 200, 200)),
    "issue changelist": (lambda a: url(Issue, "changelist"), (200, 200, 200)),
    "person changelist": (lambda a: url(Person, "changelist"), (200, 200, 200)),
    "lexicon changelist": (lambda a: url(LexiconEntry, "changelist"), (200, 200, 200)),
    "mention changelist": (lambda a: url(Mention, "changelist"), (200, 200, 200)),
    "tag changelist": (lambda a: url(Tag, "changelist"), (200, 200, 200)),
    "article history": (lambda a: url(Article, "history", a.pk), (200, 200, 200)),
    "article add": (lambda a: url(Article, "add"), (200, 200, 403)),
    "lexicon add": (lambda a: url(LexiconEntry, "add"), (200, 200, 403)),
    "article delete": (lambda a: url(Article, "delete", a.pk), (403, 200, 403)),
    "person delete": (lambda a: url(Person, "delete", a.bylines.get().person_id), (403, 200, 403)),
    "issue delete": (lambda a: url(Issue, "delete", a.issue_id), (403, 403, 403)),
    "person import": (lambda a: url(Person, "import"), (200, 200, 403)),
    "lexicon import": (lambda a: url(LexiconEntry, "import"), (200, 200, 403)),
    "person export": (lambda a: url(Person, "export"), (200, 200, 200)),
    "article export": (lambda a: url(Article, "export"), (200, 200, 200)),
    "correction view": (lambda a: reverse("admin:archive_article_segmentation", args=[a.pk]), (200, 200, 403)),
}


@pytest.mark.parametrize("role", ROLES)
def test_the_pages_each_role_reaches(archive, client_of, role):
    client = client_of(role)
    answers = {name: client.get(path(archive)).status_code for name, (path, _) in PAGES.items()}
    assert answers == {name: expected[ROLES.index(role)] for name, (_, expected) in PAGES.items()}


def actions(response):
    """The actions a changelist offers (none: no action form at all)."""
    form = response.context["action_form"]
    return {value for value, _ in form.fields["action"].choices if value} if form else set()


@pytest.mark.parametrize(
    ("role", "may_publish", "may_merge"),
    [(EDITOR, False, False), (REVIEWER, True, True), (READER, False, False)],
)
def test_the_actions_each_role_is_offered(archive, client_of, role, may_publish, may_merge):
    client = client_of(role)
    offered = actions(client.get(url(Article, "changelist")))
    assert {"publish", "withdraw"} <= offered if may_publish else not {"publish", "withdraw"} & offered
    assert ({"add_tag", "remove_tag"} <= offered) == (role != READER)
    offered = actions(client.get(url(Person, "changelist")))
    assert ("merge_selected" in offered) == may_merge
    assert ("mark_reviewed" in offered) == (role != READER)
    offered = actions(client.get(url(Issue, "changelist")))
    assert ("withdraw" in offered) == may_publish


@pytest.mark.parametrize(("role", "published_shown"), [(EDITOR, False), (REVIEWER, True)])
def test_only_reviewers_publish_from_the_change_form(archive, client_of, role, published_shown):
    client = client_of(role)
    change = url(Article, "change", archive.pk)
    page = client.get(change)
    assert ("published" in page.context["adminform"].form.fields) == published_shown
    data = form_data(page)
    data.pop("published", None)  # an unticked box
    data["title"] = "新标题"
    assert client.post(change, data).status_code == 302
    archive.refresh_from_db()
    assert archive.title == "新标题"
    assert archive.published is not published_shown


def test_an_editor_cannot_publish_or_merge_by_posting_the_action(archive, client_of):
    client = client_of(EDITOR)
    client.post(url(Article, "changelist"), {"action": "withdraw", ACTION_CHECKBOX_NAME: [archive.pk]})
    assert Article.objects.get(pk=archive.pk).published
    people = list(Person.objects.values_list("pk", flat=True))
    client.post(
        url(Person, "changelist"),
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: people, "post": "yes", "survivor": people[0]},
    )
    assert Person.objects.count() == 2


def test_a_reviewer_publishes_and_merges(archive, client_of):
    client = client_of(REVIEWER)
    client.post(url(Article, "changelist"), {"action": "withdraw", ACTION_CHECKBOX_NAME: [archive.pk]})
    assert not Article.objects.get(pk=archive.pk).published
    survivor = Person.objects.get(name="谢佳")
    people = list(Person.objects.values_list("pk", flat=True))
    selected = {"action": "merge_selected", ACTION_CHECKBOX_NAME: people}
    assert client.post(url(Person, "changelist"), selected).status_code == 200  # the confirmation
    client.post(url(Person, "changelist"), {**selected, "post": "yes", "survivor": survivor.pk})
    assert list(Person.objects.values_list("name", flat=True)) == ["谢佳"]
    assert list(survivor.aliases.values_list("name", flat=True)) == ["谢 佳"]


@pytest.mark.parametrize(("role", "status"), [(EDITOR, 302), (REVIEWER, 302), (READER, 403)])
def test_who_may_save_and_revert(archive, client_of, role, status):
    editor = client_of(EDITOR) if role != EDITOR else None
    client = client_of(role)
    change = url(Article, "change", archive.pk)
    data = form_data((editor or client).get(change))
    data["title"] = "改过的标题"
    if role == READER:
        assert client.post(change, data).status_code == 403
        editor.post(change, data)
    else:
        assert client.post(change, data).status_code == 302
    assert Article.objects.get(pk=archive.pk).title == "改过的标题"

    original = archive.history.earliest("history_date")
    revert = url(Article, "simple_history", archive.pk, original.history_id)
    assert client.get(revert).status_code == 200
    data = form_data((editor or client).get(revert))
    assert client.post(revert, data).status_code == status
    expected = "平安浙江建设" if status == 302 else "改过的标题"
    assert Article.objects.get(pk=archive.pk).title == expected


@pytest.mark.parametrize(("role", "status"), [(EDITOR, 403), (REVIEWER, 302), (READER, 403)])
def test_who_may_change_an_issue(archive, client_of, role, status):
    client = client_of(role)
    change = url(Issue, "change", archive.issue_id)
    assert client.get(change).status_code == 200
    reviewer = client_of(REVIEWER) if role != REVIEWER else client
    data = form_data(reviewer.get(change))
    data["number"] = "7050"
    assert client.post(change, data).status_code == status


def test_who_may_correct_a_segmentation(archive, client_of):
    page = reverse("admin:archive_article_segmentation", args=[archive.pk])
    editor = client_of(EDITOR)
    initial = editor.get(page).context["form"].initial
    edited = {**initial, "segmented": initial["segmented"].replace("平安 浙江", "平安浙江")}
    assert client_of(READER).post(page, edited).status_code == 403
    assert editor.post(page, edited).status_code == 302
    assert LexiconEntry.objects.get(word="平安浙江").source == LexiconEntry.Source.EDITOR


def test_anonymous_visitors_reach_only_the_public_pages(archive, client):
    for path in (
        "/admin/",
        url(Article, "changelist"),
        url(Article, "change", archive.pk),
        url(Person, "export"),
        reverse("admin:archive_article_segmentation", args=[archive.pk]),
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/login/"), path
    person = archive.bylines.get().person
    for path in (
        "/",
        "/issues/",
        "/issues/2024/",
        f"/articles/{archive.pk}/",
        "/people/",
        f"/people/{person.pk}/",
        "/search/?q=平安",
    ):
        assert client.get(path).status_code == 200, path
        separator = "&" if "?" in path else "?"
        response = client.get(f"{path}{separator}format=json")
        assert response.status_code == 200, path
        assert response["Content-Type"] == "application/json", path


@pytest.mark.parametrize(("role", "published_after"), [(EDITOR, False), (REVIEWER, True)])
def test_a_revert_changes_publication_only_for_who_may_publish(archive, client_of, role, published_after):
    """The first version was public, with the first title; a reviewer has
    withdrawn the article and an editor changed its title since. Reverting
    to the first version brings its title back for both; its publication
    only for a reviewer."""
    original = archive.history.earliest("history_date")
    reviewer = client_of(REVIEWER)
    reviewer.post(url(Article, "changelist"), {"action": "withdraw", ACTION_CHECKBOX_NAME: [archive.pk]})
    client = reviewer if role == REVIEWER else client_of(role)
    change = url(Article, "change", archive.pk)
    data = form_data(client.get(change))
    data["title"] = "改过的标题"
    assert client.post(change, data).status_code == 302

    revert = url(Article, "simple_history", archive.pk, original.history_id)
    assert client.post(revert, form_data(client.get(revert))).status_code == 302
    archive.refresh_from_db()
    assert archive.title == "平安浙江建设"
    assert archive.published is published_after
    index_hidden = Search(parse_query("平安浙江")).count() == 0
    assert index_hidden is not published_after


def test_a_revert_keeps_the_parsers_snapshot_and_warnings(archive, client_of):
    client = client_of(EDITOR)
    original = archive.history.earliest("history_date")
    Article.objects.filter(pk=archive.pk).update(parsed={"title": "平安浙江建设"}, warnings=["新警告"])
    revert = url(Article, "simple_history", archive.pk, original.history_id)
    assert client.post(revert, form_data(client.get(revert))).status_code == 302
    archive.refresh_from_db()
    assert (archive.parsed, archive.warnings) == ({"title": "平安浙江建设"}, ["新警告"])

"""The editors' roles as groups: 编辑 edit, 审校 also publish, merge and
delete, 只读 look. Putting a user in a group (and ticking “职员状态”) is all
it takes to give them a role; see README.md, “角色与权限”.

Spreadsheet import and export follow the permission codes in settings
(IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add", _EXPORT_ = "view"): whoever
may add a model's rows may import them, and whoever may see them may export
them, so 编辑 and 审校 import and all three export.

The permissions are listed here rather than read from the models: a
migration describes the groups as they were meant at this point.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# The rows editors work on, whole or as inlines of an article or an entity.
EDITED = [
    "article",
    "byline",
    "tag",
    "articletag",
    "lexiconentry",
    "segmentation",
    "person",
    "personalias",
    "organisation",
    "organisationalias",
    "event",
    "position",
    "participant",
    "mention",
]
# Parts of an article or an entity: removing a wrong byline, alias, position
# or mention is part of editing the row they belong to.
PARTS = ["byline", "articletag", "personalias", "organisationalias", "position", "participant", "mention"]
# Whole rows, deleted only by 审校.
WHOLE = ["article", "tag", "lexiconentry", "person", "organisation", "event"]

EDITOR = [
    *(f"{action}_{model}" for model in EDITED for action in ("view", "add", "change")),
    *(f"delete_{model}" for model in PARTS),
    "view_issue",
]
REVIEWER = [
    *EDITOR,
    "change_issue",
    *(f"delete_{model}" for model in WHOLE),
    "publish_article",
    "publish_issue",
    "merge_person",
    "merge_organisation",
    "merge_event",
]
READER = [f"view_{model}" for model in [*EDITED, "issue"]]

GROUPS = {"编辑": EDITOR, "审校": REVIEWER, "只读": READER}


def create_groups(apps, schema_editor):
    # Permissions are otherwise created after migrate (post_migrate), too
    # late for a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        permissions = list(Permission.objects.filter(content_type__app_label="archive", codename__in=codenames))
        missing = set(codenames) - {permission.codename for permission in permissions}
        if missing:
            raise RuntimeError(f"Permissions not found: {sorted(missing)}")
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0007_versions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]

"""The newsroom's roles as Django groups. One table, applied by a data migration and again by
`python manage.py setup_roles` (after a new permission appears, or someone edited a group by hand).

| Action                                          | Journalist | Editor   | Ad manager | Admin |
|-------------------------------------------------|------------|----------|------------|-------|
| create a draft                                  | yes        | yes      | no         | yes   |
| edit own draft / returned article               | yes        | yes      | no         | yes   |
| edit others' articles, or any live article      | no         | yes      | no         | yes   |
| submit for review                               | yes        | yes      | no         | yes   |
| publish / schedule / unpublish / return         | no         | yes      | no         | yes   |
| sections, authors; rename tags                  | no         | yes      | no         | yes   |
| create and assign tags, upload new photos       | yes        | yes      | no         | yes   |
| change photos in the library                    | no         | yes      | no         | yes   |
| set a photo's focal point                       | on upload  | yes      | no         | yes   |
| ads                                             | no         | no       | yes        | yes   |
| live stories: start / end coverage, pin updates | no         | yes      | no         | yes   |
| live updates: add, publish, edit, delete        | own story* | yes      | no         | yes   |
| corrections and editor's notes                  | see only   | yes      | no         | yes   |
| webhook endpoints (addresses, secrets, tests)   | no         | no       | no         | yes   |
| read the webhook delivery log                   | no         | yes      | no         | yes   |

*A journalist posts updates to a live story they wrote, while its coverage is on, and edits or
deletes their own updates (liveblog/permissions.py).

Admins are superusers. "Own" is decided per article (articles.permissions), not here: the groups
grant the model permissions, the object rules narrow them.
"""

JOURNALISTS = "Journalists"
EDITORS = "Editors"
AD_MANAGERS = "Ad managers"

_ARTICLE_ROWS = ["article", "block", "articleauthor", "articletag", "relatedarticle"]

ROLES = {
    JOURNALISTS: [
        *(f"articles.{action}_{model}" for model in _ARTICLE_ROWS for action in ("add", "change")),
        *(f"articles.delete_{model}" for model in _ARTICLE_ROWS if model != "article"),
        *(f"articles.view_{model}" for model in [*_ARTICLE_ROWS, "section", "author", "photo"]),
        "articles.view_statechange",
        # New photos yes; changing one in the library changes every article that uses it.
        "articles.add_photo",
        "tags.add_tag",
        "tags.view_tag",
        # Live stories: their own updates on stories they cover (liveblog/permissions.py).
        *(f"liveblog.{action}_liveupdate" for action in ("add", "change", "delete", "view")),
        "liveblog.view_livecoverage",
        # Corrections are the editors' responsibility: journalists see them, and ask.
        "corrections.view_correction",
    ],
    EDITORS: [
        *(
            f"articles.{action}_{model}"
            for model in [*_ARTICLE_ROWS, "section", "author", "photo"]
            for action in ("add", "change", "view")
        ),
        *(f"articles.delete_{model}" for model in [*_ARTICLE_ROWS[1:], "section", "author"]),
        "articles.view_statechange",
        "articles.publish_article",
        "articles.edit_any_article",
        *(f"liveblog.{action}_liveupdate" for action in ("add", "change", "delete", "view")),
        *(f"liveblog.{action}_livecoverage" for action in ("add", "change", "view")),
        # Whether partners and channels got a story; the endpoints stay the admins'.
        "webhooks.view_delivery",
        *(f"tags.{action}_tag" for action in ("add", "change", "delete", "view")),
        *(f"corrections.{action}_correction" for action in ("add", "change", "delete", "view")),
    ],
    AD_MANAGERS: [
        *(
            f"ads.{action}_{model}"
            for model in ("creative", "slot")
            for action in ("add", "change", "delete", "view")
        ),
        "ads.view_dailystat",
        # To pick the sections a creative targets.
        "articles.view_section",
    ],
}


def apply_roles_in_migration(apps):
    """For data migrations: permissions are normally created after all migrations ran, and the
    roles need them now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    apply_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def apply_roles(group_model, permission_model) -> dict[str, int]:
    """Create the groups and set exactly their permissions; returns the count per group.

    Takes the models as arguments so that the data migration can pass its historical ones.
    """
    counts = {}
    for name, codenames in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=name)
        permissions = []
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            permission = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            # A permission of an app migrated later (the roles migration runs early on a fresh
            # database) is skipped here; `setup_roles` after `migrate` applies the whole table.
            if permission is not None:
                permissions.append(permission)
        group.permissions.set(permissions)
        counts[name] = len(permissions)
    return counts

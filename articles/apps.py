from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Newsroom")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_save

        connection_created.connect(register_sqlite_functions, dispatch_uid="sqlite-casefold")

        from . import revisions, signals

        revisions.register()

        from tags.models import Tag

        from .models import Article, ArticleAuthor, ArticleTag, Author, Block, LanguageVersion

        post_save.connect(signals.reindex_article, sender=Article, dispatch_uid="search-article")
        for row in (Block, ArticleAuthor, ArticleTag, LanguageVersion):
            uid = f"search-{row.__name__}"
            post_save.connect(signals.reindex_owner, sender=row, dispatch_uid=f"{uid}-save")
            post_delete.connect(signals.reindex_owner, sender=row, dispatch_uid=f"{uid}-delete")
        post_save.connect(signals.reindex_tagged, sender=Tag, dispatch_uid="search-tag")
        post_save.connect(signals.reindex_signed, sender=Author, dispatch_uid="search-author")

        from django.apps import apps
        from django.test.signals import setting_changed

        from . import mediafiles, renditions, shareimage

        # Photos, portraits, ad images: replaced and deleted files leave the storage too.
        ours = ("articles", "ads", "accounts", "tags")
        mediafiles.connect([m for m in apps.get_models() if m._meta.app_label in ours])
        setting_changed.connect(renditions.forget_urls, dispatch_uid="renditions-urls")
        setting_changed.connect(shareimage.forget, dispatch_uid="share-image")


def register_sqlite_functions(sender, connection, **kwargs):
    """SQLite compares case only for ASCII: site search there folds Cyrillic with Python's."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "NEWSROOM_CASEFOLD",
            1,
            lambda text: text.casefold() if isinstance(text, str) else text,
            deterministic=True,
        )

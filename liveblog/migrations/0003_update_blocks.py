"""A live update's photo and embed link become typed blocks (`LiveUpdateBlock`), as the body's:
each update that had them gets a photo block, then an embed block, after its text."""

import django.db.models.deletion
from django.db import migrations, models

import articles.fields

KINDS = [
    ("paragraph", "Paragraph"),
    ("subheading", "Subheading"),
    ("source", "Source"),
    ("details", "Details"),
    ("quote", "Quote"),
    ("background", "Background"),
    ("photo", "Photo"),
    ("embed", "Embed"),
    ("read_also", "Read also"),
]


def fields_to_blocks(apps, schema_editor):
    LiveUpdate = apps.get_model("liveblog", "LiveUpdate")
    LiveUpdateBlock = apps.get_model("liveblog", "LiveUpdateBlock")
    found = []
    updates = LiveUpdate.objects.exclude(photo__isnull=True, embed_url="").order_by("pk")
    for update in updates.only("pk", "photo_id", "embed_url").iterator():
        position = 0
        if update.photo_id:
            position += 10
            found.append(
                LiveUpdateBlock(
                    update_id=update.pk, kind="photo", photo_id=update.photo_id, position=position
                )
            )
        if update.embed_url:
            position += 10
            found.append(
                LiveUpdateBlock(
                    update_id=update.pk, kind="embed", url=update.embed_url, position=position
                )
            )
    LiveUpdateBlock.objects.bulk_create(found, batch_size=500)


def blocks_to_fields(apps, schema_editor):
    """Back: an update's first photo block and first embed block (other blocks had no place
    before, and are lost with the table)."""
    LiveUpdate = apps.get_model("liveblog", "LiveUpdate")
    LiveUpdateBlock = apps.get_model("liveblog", "LiveUpdateBlock")
    rows = LiveUpdateBlock.objects.filter(kind__in=["photo", "embed"]).order_by(
        "update_id", "-position", "-id"
    )
    photos, embeds = {}, {}
    for block in rows.iterator():
        # Descending: the first one of each update is written last.
        if block.kind == "photo" and block.photo_id:
            photos[block.update_id] = block.photo_id
        elif block.kind == "embed" and block.url:
            embeds[block.update_id] = block.url
    for pk in photos.keys() | embeds.keys():
        LiveUpdate.objects.filter(pk=pk).update(
            photo_id=photos.get(pk), embed_url=embeds.get(pk, "")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_version_text_updated"),
        ("liveblog", "0002_roles"),
    ]

    operations = [
        migrations.CreateModel(
            name="LiveUpdateBlock",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(choices=KINDS, max_length=16, verbose_name="type")),
                (
                    "text",
                    models.TextField(
                        blank=True,
                        help_text="Bold, italic, links and lists are kept; other formatting is "
                        "removed.",
                        verbose_name="text",
                    ),
                ),
                (
                    "attribution",
                    models.CharField(
                        blank=True,
                        help_text="Quote blocks only.",
                        max_length=200,
                        verbose_name="who said it",
                    ),
                ),
                (
                    "items",
                    models.TextField(
                        blank=True,
                        help_text="Background blocks: one bullet point per line.",
                        verbose_name="list items",
                    ),
                ),
                (
                    "url",
                    articles.fields.HttpsURLField(
                        blank=True,
                        help_text="A post on X (Twitter), Telegram or YouTube. Shown as a link, "
                        "no scripts.",
                        max_length=500,
                        verbose_name="embed link",
                    ),
                ),
                ("position", models.PositiveIntegerField(default=0, verbose_name="order")),
                (
                    "link_article",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="articles.article",
                        verbose_name="article to read also",
                    ),
                ),
                (
                    "photo",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="articles.photo",
                        verbose_name="photo",
                    ),
                ),
                (
                    "update",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="blocks",
                        to="liveblog.liveupdate",
                        verbose_name="update",
                    ),
                ),
            ],
            options={
                "verbose_name": "update block",
                "verbose_name_plural": "update blocks",
                "ordering": ["update_id", "position", "id"],
            },
        ),
        migrations.RunPython(fields_to_blocks, blocks_to_fields),
        migrations.RemoveField(model_name="liveupdate", name="embed_url"),
        migrations.RemoveField(model_name="liveupdate", name="photo"),
    ]

from django.db import migrations

# The site's standard places (sizes in px: phones, then screens 1024 px and wider). Ad managers
# change sizes, switch slots off or add more of the same placements in the admin.
SLOTS = [
    # code, name, placement, after_block, every_items, (w, h), (wide w, wide h)
    ("header", "Під шапкою", "header", 0, 6, (320, 100), (728, 90)),
    ("sidebar_top", "Бічна колонка, вгорі", "sidebar", 0, 6, (300, 250), (300, 250)),
    ("article_body_1", "У тексті статті, перше", "article_body", 2, 6, (300, 250), (336, 280)),
    ("article_body_2", "У тексті статті, друге", "article_body", 6, 6, (300, 250), (336, 280)),
    ("article_after_tags", "Після тегів", "article_after_tags", 0, 6, (300, 250), (300, 250)),
    ("feed_inline", "У стрічці новин", "feed", 0, 6, (320, 100), (320, 100)),
    ("footer", "Над підвалом", "footer", 0, 6, (320, 100), (728, 90)),
]


def create_slots_and_roles(apps, schema_editor):
    Slot = apps.get_model("ads", "Slot")
    for code, name, placement, after_block, every_items, narrow, wide in SLOTS:
        Slot.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "placement": placement,
                "after_block": after_block or 2,
                "every_items": every_items,
                "width": narrow[0],
                "height": narrow[1],
                "width_wide": wide[0],
                "height_wide": wide[1],
            },
        )
    from articles.roles import apply_roles_in_migration

    apply_roles_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("ads", "0001_initial"),
        ("articles", "0008_article_ads_off_in"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_slots_and_roles, migrations.RunPython.noop)]

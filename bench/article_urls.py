"""Print the path of every live Ukrainian article page, one per line (the benchmarks' URL list).

    DATABASE_URL=postgres://root@127.0.0.1:5432/newsroom_10k .venv/bin/python \
        bench/article_urls.py > /tmp/urls.txt

Used as URLS_CMD of bench/targets/our_cms.env (the Wagtail peer's compare.sh).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from articles.models import Article  # noqa: E402

for article in Article.objects.live("uk").only("id", "publish_at", "created_at").order_by("id"):
    sys.stdout.write(article.get_absolute_url("uk") + "\n")

"""Media on S3-compatible storage (newsroom/storage.py), against a real S3 API over HTTP: moto's
server, started once for the session. Every check of what is stored goes through that API
(boto3), never through the storage under test."""

import json
import logging
import os
import re
import socket
import subprocess
import sys
import urllib.request
import uuid
from dataclasses import dataclass
from io import BytesIO, StringIO
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.forms.forms import NON_FIELD_ERRORS
from PIL import Image

from articles import renditions
from articles.models import Author, Photo
from tests.articles.test_photo_privacy import assert_no_leaks, dirty_jpeg
from tests.factories import AuthorFactory, PhotoFactory, image_bytes, live_article

ROOT = Path(__file__).resolve().parents[2]
ADD_URL = "/admin/articles/photo/add/"
CACHE_CONTROL = "public, max-age=31536000, immutable"
# Small pictures: two widths and three crops each, so the file stays fast.
SIZE = (400, 240)


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3 server in a thread of this process, on a port the system chose."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@dataclass
class Bucket:
    client: object
    name: str
    public_url: str

    def objects(self):
        """The keys of every object in the bucket, as the S3 API lists them."""
        listing = self.client.list_objects_v2(Bucket=self.name)
        return {item["Key"] for item in listing.get("Contents", [])}

    def get(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)

    def read(self, key):
        return self.get(key)["Body"].read()


def storage_settings(endpoint, bucket, public_url):
    """The default storage as newsroom/settings.py makes it from S3_* variables, failing fast."""
    return {
        "BACKEND": "newsroom.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "region_name": "us-east-1",
            "access_key": "testing",
            "secret_key": "testing",
            "addressing_style": "path",
            "public_url": public_url,
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": CACHE_CONTROL},
            "connect_timeout": 5,
            "max_attempts": 1,
        },
    }


@pytest.fixture
def bucket(settings, s3_endpoint):
    """A new public-read bucket of its own, and the media storage pointing at it."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    name = f"media-{uuid.uuid4().hex[:16]}"
    client.create_bucket(Bucket=name)
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{name}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
    public_url = f"{s3_endpoint}/{name}/"
    settings.MEDIA_URL = public_url
    settings.STORAGES = {
        **settings.STORAGES,
        "default": storage_settings(s3_endpoint, name, public_url),
    }
    return Bucket(client, name, public_url)


@pytest.fixture
def s3_down(settings, bucket):
    """`s3_down()`: from now on the storage's server refuses connections (a port bound, never
    listening), while the files' public URLs stay as they were."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{closed.getsockname()[1]}"

        def down():
            options = settings.STORAGES["default"]["OPTIONS"]
            settings.STORAGES = {
                **settings.STORAGES,
                "default": storage_settings(dead, bucket.name, options["public_url"]),
            }

        yield down


def photo_keys(photo):
    photo.refresh_from_db()
    return {photo.image.name, photo.thumbnail.name, *renditions.stored_names(photo.renditions)}


def upload(admin_client, name, content, url=ADD_URL, **fields):
    data = {"image": SimpleUploadedFile(name, content, "image/jpeg"), "caption_uk": "Підпис"}
    return admin_client.post(url, {**data, **fields})


@pytest.mark.django_db
def test_an_admin_upload_lands_in_the_bucket_stripped_with_its_thumbnail_and_renditions(
    admin_client, bucket
):
    """A photo uploaded in the admin is stored in the bucket without its metadata, with its
    thumbnail and renditions beside it, nothing else, each with a sniffed content type and a
    long Cache-Control."""
    dirty, _clean = dirty_jpeg(size=SIZE)
    # A JPEG named .png: served as what it is, whatever the name says.
    response = upload(admin_client, "Фото з фронту.png", dirty)
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = Photo.objects.get()
    keys = bucket.objects()
    assert keys == photo_keys(photo)
    assert photo.image.name.startswith("photos/") and photo.thumbnail.name.startswith("thumbs/")
    assert len(list(renditions.stored_names(photo.renditions))) == 7
    assert_no_leaks(bucket.read(photo.image.name))
    original = bucket.get(photo.image.name)
    assert (original["ContentType"], original["CacheControl"]) == ("image/jpeg", CACHE_CONTROL)
    webp = renditions.best(photo, "webp")[0].removeprefix(bucket.public_url)
    assert bucket.get(webp)["ContentType"] == "image/webp"
    with Image.open(BytesIO(bucket.read(photo.thumbnail.name))) as thumbnail:
        assert thumbnail.width == Photo.THUMBNAIL_WIDTH


@pytest.mark.django_db
def test_pages_point_at_the_bucket_and_the_bucket_serves_those_urls(client, admin_client, bucket):
    """The article page's pictures and the admin's thumbnails are addresses in the bucket,
    unsigned, and fetching one anonymously gives the stored file."""
    photo = PhotoFactory(image=ContentFile(image_bytes(size=SIZE), name="hero.jpg"))
    article = live_article(hero_photo=photo)
    html = client.get(article.get_absolute_url()).content.decode()
    urls = set(re.findall(re.escape(bucket.public_url) + r"[^\s\"',]+", html))
    keys = {url.removeprefix(bucket.public_url) for url in urls}
    assert keys & set(renditions.stored_names(photo.renditions))
    assert keys <= bucket.objects()
    url = sorted(urls)[0]
    with urllib.request.urlopen(url, timeout=30) as answer:
        assert answer.read() == bucket.read(url.removeprefix(bucket.public_url))
    changelist = admin_client.get("/admin/articles/photo/").content.decode()
    assert f'src="{bucket.public_url}{photo.thumbnail.name}"' in changelist


@pytest.mark.django_db
def test_replacing_and_deleting_a_photo_deletes_its_objects(admin_client, bucket, committed):
    """A new image in the admin removes the old original, thumbnail and renditions from the
    bucket once saved; deleting the photo removes everything it had. Author portraits too."""
    photo = committed(lambda: PhotoFactory(image=ContentFile(image_bytes(size=SIZE), "a.jpg")))
    old = photo_keys(photo)
    assert bucket.objects() == old
    change = f"/admin/articles/photo/{photo.pk}/change/"
    picture = image_bytes(size=SIZE, color=(10, 90, 200))
    response = committed(lambda: upload(admin_client, "new.jpg", picture, url=change))
    assert response.status_code == 302
    new = photo_keys(photo)
    assert not new & old
    assert bucket.objects() == new
    delete = f"/admin/articles/photo/{photo.pk}/delete/"
    assert committed(lambda: admin_client.post(delete, {"post": "yes"})).status_code == 302
    assert not Photo.objects.exists()
    assert bucket.objects() == set()
    author = committed(lambda: AuthorFactory(photo=ContentFile(image_bytes(), "face.jpg")))
    assert bucket.objects() == {author.photo.name}
    committed(Author.objects.all().delete)
    assert bucket.objects() == set()


@pytest.mark.django_db
def test_the_metadata_and_rendition_commands_work_on_the_bucket(bucket, committed):
    """strip_photo_metadata replaces an old dirty original with a clean object and deletes the
    old one; make_renditions makes the missing renditions in the bucket, and remaking them
    deletes the previous set."""
    photo = PhotoFactory(image=ContentFile(image_bytes(size=SIZE), "a.jpg"))
    dirty, _clean = dirty_jpeg(size=SIZE)
    old_name = default_storage.save("photos/2024/05/old.jpg", ContentFile(dirty))
    Photo.objects.filter(pk=photo.pk).update(image=old_name, renditions={})
    committed(lambda: call_command("strip_photo_metadata", stdout=StringIO()))
    photo.refresh_from_db()
    assert photo.image.name != old_name and old_name not in bucket.objects()
    assert_no_leaks(bucket.read(photo.image.name))

    call_command("make_renditions", "--missing-only", stdout=StringIO())
    photo.refresh_from_db()
    first = set(renditions.stored_names(photo.renditions))
    assert first and first <= bucket.objects()
    committed(lambda: call_command("make_renditions", stdout=StringIO()))
    second = photo_keys(photo)
    assert not second & first
    assert second <= bucket.objects() and not first & bucket.objects()


@pytest.mark.django_db
def test_with_the_s3_server_down_pages_render_and_uploads_get_a_form_error(
    client, admin_client, bucket, s3_down
):
    """With the S3 server down an article page still renders with its bucket URLs (they are
    made without a request); an upload comes back as a form error with nothing saved, while a
    caption can still be edited; make_renditions reports the photo it could not do."""
    photo = PhotoFactory(image=ContentFile(image_bytes(size=SIZE), name="hero.jpg"))
    article = live_article(hero_photo=photo)
    s3_down()

    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    best = renditions.best(Photo.objects.get(), "jpeg", width=600)
    assert best[0].startswith(bucket.public_url) and best[0] in response.content.decode()

    response = upload(admin_client, "new.jpg", image_bytes(size=SIZE))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.has_error(NON_FIELD_ERRORS, "storage_failed")
    assert Photo.objects.count() == 1

    change = f"/admin/articles/photo/{photo.pk}/change/"
    response = admin_client.post(change, {"caption_uk": "Новий підпис"})
    assert response.status_code == 302
    assert Photo.objects.get().caption_uk == "Новий підпис"

    err = StringIO()
    call_command("make_renditions", stdout=StringIO(), stderr=err)
    assert f"Photo #{photo.pk}" in err.getvalue()


SHOW_SETTINGS = """
import importlib, json, os
import newsroom.settings as s
for case in json.loads(os.environ["CASES"]):
    for name in ("S3_BUCKET", "S3_ENDPOINT_URL", "S3_LOCATION", "S3_CUSTOM_DOMAIN", "MEDIA_URL",
                 "SERVE_MEDIA", "S3_DEFAULT_ACL"):
        os.environ.pop(name, None)
    os.environ.update(case)
    importlib.reload(s)
    print(json.dumps({
        "storage": s.STORAGES["default"], "media_url": s.MEDIA_URL, "serve": s.SERVE_MEDIA,
        "img_src": s.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    }))
"""


def test_local_disk_is_the_default_and_a_bucket_moves_media_to_s3():
    """Without S3_BUCKET media stay on the local disk under /media/; with it they go to the
    bucket, unsigned and never overwritten, at the endpoint's, the custom domain's or
    MEDIA_URL's address, which the CSP's img-src admits; Django never serves them then."""
    cases = [
        {"SERVE_MEDIA": "1"},
        {
            "S3_BUCKET": "news-media",
            "S3_ENDPOINT_URL": "https://minio.example.org:9000/",
            "S3_LOCATION": "/media/",
            "S3_DEFAULT_ACL": "public-read",
            "SERVE_MEDIA": "1",
        },
        {"S3_BUCKET": "news-media", "S3_CUSTOM_DOMAIN": "cdn.example.org"},
        {"S3_BUCKET": "news-media", "MEDIA_URL": "https://img.example.org/newsroom/"},
        {"S3_BUCKET": "news-media", "S3_REGION": "eu-central-1"},
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("S3_") and k != "MEDIA_URL"}
    result = subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS],
        cwd=ROOT,
        env={**env, "CASES": json.dumps(cases)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    local, minio, cdn, media_url, aws = map(json.loads, result.stdout.splitlines())

    assert local["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert (local["media_url"], local["serve"]) == ("/media/", True)

    assert minio["storage"]["BACKEND"] == "newsroom.storage.MediaStorage"
    options = minio["storage"]["OPTIONS"]
    assert options["bucket_name"] == "news-media" and options["location"] == "media"
    assert options["querystring_auth"] is False and options["file_overwrite"] is False
    assert options["object_parameters"] == {"CacheControl": CACHE_CONTROL}
    assert options["default_acl"] == "public-read"
    assert minio["media_url"] == "https://minio.example.org:9000/news-media/media/"
    assert options["public_url"] == minio["media_url"] and minio["serve"] is False
    assert "https://minio.example.org:9000" in minio["img_src"]

    assert cdn["media_url"] == "https://cdn.example.org/"
    assert "https://cdn.example.org" in cdn["img_src"]
    assert media_url["storage"]["OPTIONS"]["public_url"] == "https://img.example.org/newsroom/"
    assert "https://img.example.org" in media_url["img_src"]
    assert aws["media_url"] == "https://news-media.s3.eu-central-1.amazonaws.com/"
    assert aws["storage"]["OPTIONS"]["addressing_style"] == "virtual"

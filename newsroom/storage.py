"""Media (photos, their renditions and thumbnails, author portraits, ad images) on S3-compatible
storage: AWS S3, MinIO, Ceph, Cloudflare R2… (django-storages). Chosen by `S3_BUCKET` in the
settings; without it media stay on the local disk (FileSystemStorage).

Everything the code does with media goes through the storage API (`default_storage`, a
FieldFile's `storage`), never through paths, so both work the same. What differs here:

- **URLs are built locally** from the public address of the files (`MEDIA_URL`): a page lists
  dozens of images, and neither a request to the S3 server nor a signature may be needed to
  render it, so a page renders while the S3 server is down, and a page cached for an hour
  never holds an address that has expired. Files are therefore public (a bucket policy, or
  `S3_DEFAULT_ACL=public-read` where the store uses ACLs).
- **A name is never overwritten**: every name is new (`file_overwrite=False`), so files can be
  cached by browsers and CDNs as immutable (`S3_CACHE_CONTROL`).
- **The content type comes from the bytes**, not from the browser's claim or the name's suffix:
  an upload named `.jpg` that is a PNG is served as `image/png`, and nothing uploaded is ever
  served as HTML.
- **Short timeouts and few retries**: an upload waits for a dead S3 server seconds, not
  minutes; the admin then says so in the form (`articles/admin/uploads.py`).
"""

from botocore.config import Config
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage

from .media import content_type


class MediaStorage(S3Storage):
    """S3Storage with URLs made from `public_url` without any request, the content type sniffed
    from the bytes, and bounded timeouts (see the module's docstring)."""

    def get_default_settings(self):
        return {
            **super().get_default_settings(),
            # The address under which the files' names are public ("https://cdn…/media/").
            "public_url": None,
            # Seconds to connect and to wait for an answer, and attempts in all.
            "connect_timeout": 5,
            "read_timeout": 30,
            "max_attempts": 3,
        }

    def __init__(self, **settings):
        super().__init__(**settings)
        if settings.get("client_config") is None:
            self.client_config = self.client_config.merge(
                Config(
                    connect_timeout=self.connect_timeout,
                    read_timeout=self.read_timeout,
                    retries={"mode": "standard", "max_attempts": self.max_attempts},
                )
            )

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not self.public_url or parameters or http_method:
            return super().url(name, parameters, expire, http_method)
        return self.public_url + filepath_to_uri(name).lstrip("/")

    def _get_write_parameters(self, name, content=None):
        params = super()._get_write_parameters(name, content)
        if "ContentType" not in self.object_parameters:
            params["ContentType"] = content_type(name, content)
            params.pop("ContentEncoding", None)
        return params

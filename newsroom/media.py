"""What the code needs to know of any media storage, without loading an S3 client: the errors
a storage raises when it cannot work, and the content type a stored file is served with
(newsroom/storage.py uses it for S3)."""

import mimetypes

from botocore.exceptions import BotoCoreError, ClientError

# What a storage raises when it cannot do its work: the local disk (full, no permission, a file
# gone) or the S3 server (down, timing out, refusing our keys, a missing bucket).
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)

# The formats uploads are validated to (articles/validators.py), by their first bytes.
_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def content_type(name, content=None):
    """The Content-Type to store `content` (a File) under `name` with: sniffed for images,
    else guessed from the name, else a download (never a type a browser would run)."""
    head = _head(content)
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    guessed, _encoding = mimetypes.guess_type(name)
    if guessed and not guessed.startswith(("text/html", "application/xhtml", "image/svg")):
        return guessed
    return "application/octet-stream"


def _head(content):
    if content is None:
        return b""
    try:
        position = content.tell()
        content.seek(0)
        head = content.read(16)
        content.seek(position)
    except (AttributeError, OSError, ValueError):
        return b""  # not seekable: the name decides
    return head if isinstance(head, bytes) else b""

"""Where attachment bytes live: a directory on disk, or an S3-compatible bucket.

Both backends take a file as an iterable of chunks and give it back as one, so
no file is ever held in memory whole. Keys are chosen by calapp
(``<event id>/<attachment id>``), never by a client, so no name a client sends
reaches a path or an object key.

``for_app(app)`` picks the backend from the config: S3 when ``S3_BUCKET`` and
``S3_ENDPOINT_URL`` are set (credentials from ``S3_ACCESS_KEY_ID`` /
``S3_SECRET_ACCESS_KEY``), else ``ATTACHMENT_DIR`` (default
``instance/attachments``).
"""

from __future__ import annotations

import os
import secrets
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

CHUNK = 64 * 1024
# Parts of an S3 multipart upload: the server holds one at a time (S3's minimum
# part is 5 MiB), whatever the file's size.
S3_PART_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class StoredObject:
    key: str
    modified_at: datetime


class Storage(ABC):
    """The interface both backends implement. Presigned URLs
    (``download_url``, ``upload_url``) exist only where ``presigns`` is true."""

    kind = "abstract"
    #: Whether clients may upload and download straight from the store.
    presigns = False

    @abstractmethod
    def save(self, key: str, chunks: Iterable[bytes]) -> None: ...

    @abstractmethod
    def chunks(self, key: str) -> Iterator[bytes]: ...

    @abstractmethod
    def size(self, key: str) -> int | None:
        """The stored object's size, or ``None`` if there is none."""

    @abstractmethod
    def delete(self, key: str) -> None: ...

    @abstractmethod
    def objects(self) -> Iterator[StoredObject]: ...


class DiskStorage(Storage):
    """Files under a directory: written to ``.partial/`` and renamed into place,
    so a reader never sees half a file and a failed upload leaves no object."""

    kind = "disk"
    PARTIAL = ".partial"

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()

    def path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if self.root not in path.parents:  # keys are ours; this is a last guard
            raise ValueError(f"bad storage key {key!r}")
        return path

    def save(self, key: str, chunks: Iterable[bytes]) -> None:
        target = self.path(key)
        partial_dir = self.root / self.PARTIAL
        partial_dir.mkdir(parents=True, exist_ok=True)
        partial = partial_dir / secrets.token_hex(16)
        try:
            with open(partial, "wb") as out:
                for chunk in chunks:
                    out.write(chunk)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)

    def chunks(self, key: str) -> Iterator[bytes]:
        with open(self.path(key), "rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk

    def size(self, key: str) -> int | None:
        try:
            return self.path(key).stat().st_size
        except FileNotFoundError:
            return None

    def delete(self, key: str) -> None:
        path = self.path(key)
        path.unlink(missing_ok=True)
        try:
            path.parent.rmdir()  # the event's directory, once empty
        except OSError:
            pass

    def objects(self) -> Iterator[StoredObject]:
        """Every stored file, and the leftovers of uploads cut off mid-way."""
        if not self.root.is_dir():
            return
        for path in self.root.rglob("*"):
            if path.is_file():
                mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
                yield StoredObject(path.relative_to(self.root).as_posix(), mtime)


class S3Storage(Storage):
    """A bucket on any S3-compatible service, through the MinIO client."""

    kind = "s3"
    presigns = True

    def __init__(
        self,
        endpoint_url: str,
        bucket: str,
        access_key: str | None,
        secret_key: str | None,
        region: str = "us-east-1",
        prefix: str = "",
    ) -> None:
        from minio import Minio

        parts = urlsplit(endpoint_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"S3_ENDPOINT_URL must be an http(s) URL: {endpoint_url}")
        self.client = Minio(
            parts.netloc,
            access_key=access_key,
            secret_key=secret_key,
            secure=parts.scheme == "https",
            region=region,
        )
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self._bucket_checked = False
        self._lock = threading.Lock()

    def _name(self, key: str) -> str:
        return self.prefix + key

    def ensure_bucket(self) -> None:
        """Create the bucket on first use when it does not exist yet."""
        if self._bucket_checked:
            return
        with self._lock:
            if not self.client.bucket_exists(self.bucket):
                self.client.make_bucket(self.bucket)
            self._bucket_checked = True

    def save(self, key: str, chunks: Iterable[bytes]) -> None:
        self.ensure_bucket()
        # One part in flight: memory stays at a part whatever the file's size.
        self.client.put_object(
            self.bucket,
            self._name(key),
            _ChunkReader(chunks),
            length=-1,
            part_size=S3_PART_BYTES,
            num_parallel_uploads=1,
        )

    def chunks(self, key: str) -> Iterator[bytes]:
        response = self.client.get_object(self.bucket, self._name(key))
        try:
            yield from response.stream(CHUNK)
        finally:
            response.close()
            response.release_conn()

    def size(self, key: str) -> int | None:
        from minio.error import S3Error

        try:
            return self.client.stat_object(self.bucket, self._name(key)).size
        except S3Error as exc:
            if exc.code in ("NoSuchKey", "NoSuchObject", "NoSuchBucket", "NotFound"):
                return None
            raise

    def delete(self, key: str) -> None:
        self.client.remove_object(self.bucket, self._name(key))

    def objects(self) -> Iterator[StoredObject]:
        self.ensure_bucket()
        for obj in self.client.list_objects(
            self.bucket, prefix=self.prefix or None, recursive=True
        ):
            yield StoredObject(
                obj.object_name[len(self.prefix) :],
                obj.last_modified or datetime.now(UTC),
            )

    def download_url(
        self, key: str, filename: str, content_type: str, expires: timedelta
    ) -> str:
        from werkzeug.http import dump_options_header

        disposition = dump_options_header("attachment", {"filename": filename})
        return self.client.presigned_get_object(
            self.bucket,
            self._name(key),
            expires=expires,
            response_headers={
                "response-content-disposition": disposition,
                "response-content-type": content_type,
            },
        )

    def upload_url(self, key: str, expires: timedelta) -> str:
        self.ensure_bucket()
        return self.client.presigned_put_object(
            self.bucket, self._name(key), expires=expires
        )


class _ChunkReader:
    """A file-like ``read(n)`` over an iterable of chunks (for ``put_object``,
    which asks for a whole part at a time): at most one part and its chunks
    are held at once."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._rest = b""

    def read(self, size: int = -1) -> bytes:
        parts, have = [self._rest] if self._rest else [], len(self._rest)
        self._rest = b""
        for chunk in self._chunks:
            parts.append(chunk)
            have += len(chunk)
            if 0 <= size <= have:
                break
        data = b"".join(parts)
        del parts
        if 0 <= size < len(data):
            data, self._rest = data[:size], data[size:]
        return data


def from_config(config) -> Storage:
    """The backend the config names (see the module's docstring)."""
    if config.get("S3_BUCKET") and config.get("S3_ENDPOINT_URL"):
        return S3Storage(
            config["S3_ENDPOINT_URL"],
            config["S3_BUCKET"],
            config.get("S3_ACCESS_KEY_ID"),
            config.get("S3_SECRET_ACCESS_KEY"),
            region=config.get("S3_REGION") or "us-east-1",
            prefix=config.get("S3_PREFIX") or "",
        )
    return DiskStorage(config["ATTACHMENT_DIR"])


def for_app(app) -> Storage:
    """The app's storage, built once from its config."""
    storage = app.extensions.get("attachment_storage")
    if storage is None:
        storage = app.extensions["attachment_storage"] = from_config(app.config)
    return storage


def use(app, storage: Storage) -> None:
    """Make ``storage`` the app's backend (tests switch between the two)."""
    app.extensions["attachment_storage"] = storage

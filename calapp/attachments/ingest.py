"""Taking a file in: the multipart body read as a stream, and the bytes measured.

``MultipartFile`` reads ``multipart/form-data`` straight from the request's input
stream with werkzeug's sans-IO decoder: nothing is spooled, nothing is kept but
the chunk at hand. ``Meter`` passes the chunks on to storage while it hashes
them, counts them against a limit and keeps the first few KiB, from which the
content type is sniffed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator

import filetype
from werkzeug.sansio.multipart import (
    Data,
    Epilogue,
    Field,
    File,
    MultipartDecoder,
    NeedData,
)

from calapp.errors import ValidationError

READ_BYTES = 64 * 1024
SNIFF_BYTES = 8192
FILE_FIELD = "file"
# What may precede the file part (other fields are read and dropped).
MAX_OTHER_FIELD_BYTES = 64 * 1024
FALLBACK_NAME = "file"
MAX_FILENAME_CHARS = 255


class TooLarge(Exception):
    """The file passed the limit it was read under."""


class MultipartFile:
    """The part named ``file`` of a multipart body, read as it arrives.

    :raises ValidationError: no such part, or a body that is not multipart.
    """

    def __init__(self, stream, boundary: bytes) -> None:
        self._stream = stream
        self._decoder = MultipartDecoder(boundary)
        self._ended = False
        self.filename, self.declared_type = self._find_file()

    def _event(self):
        while True:
            try:
                event = self._decoder.next_event()
            except ValueError as exc:
                raise ValidationError(
                    f"The multipart body is malformed: {exc}",
                    details={FILE_FIELD: ["malformed multipart body"]},
                ) from None
            if not isinstance(event, NeedData):
                return event
            if self._ended:
                raise _missing_file()
            data = self._stream.read(READ_BYTES)
            if not data:
                self._ended = True
                self._decoder.receive_data(None)
            else:
                self._decoder.receive_data(data)

    def _find_file(self) -> tuple[str, str | None]:
        skipped = 0
        while True:
            event = self._event()
            if isinstance(event, File) and event.name == FILE_FIELD:
                return event.filename or "", event.headers.get("Content-Type")
            if isinstance(event, Field) and event.name == FILE_FIELD:
                # A plain field named file: taken as a file without a name.
                return "", None
            if isinstance(event, Data):
                skipped += len(event.data)
                if skipped > MAX_OTHER_FIELD_BYTES:
                    raise ValidationError(
                        "Only the field 'file' is read: send it first",
                        details={FILE_FIELD: ["other fields are too large"]},
                    )
            if isinstance(event, Epilogue):
                raise _missing_file()

    def chunks(self) -> Iterator[bytes]:
        """The file's bytes; then the rest of the body is read and dropped."""
        while True:
            event = self._event()
            if not isinstance(event, Data):
                break
            if event.data:
                yield event.data
            if not event.more_data:
                break
        self._drain()

    def _drain(self) -> None:
        while not self._ended:
            try:
                event = self._event()
            except ValidationError:
                return
            if isinstance(event, Epilogue):
                return


def _missing_file() -> ValidationError:
    return ValidationError(
        "Send the file as the multipart/form-data field 'file'",
        details={FILE_FIELD: ["Missing data for required field."]},
    )


class Meter:
    """Chunks passed through: hashed, counted against ``limit``, the head kept."""

    def __init__(self, chunks: Iterable[bytes], limit: int) -> None:
        self._chunks = chunks
        self.limit = limit
        self.size = 0
        self.head = b""
        self._sha256 = hashlib.sha256()

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._chunks:
            self.size += len(chunk)
            if self.size > self.limit:
                raise TooLarge
            self._sha256.update(chunk)
            if len(self.head) < SNIFF_BYTES:
                self.head += chunk[: SNIFF_BYTES - len(self.head)]
            yield chunk

    @property
    def sha256(self) -> str:
        return self._sha256.hexdigest()


def sniff(head: bytes) -> str:
    """The content type the bytes show (never what the client claimed).

    Known binary formats by their magic numbers; UTF-8 text without NUL bytes is
    ``text/plain`` (HTML and SVG included: they are served as downloads, never
    rendered); anything else ``application/octet-stream``.
    """
    kind = filetype.guess(head) if head else None
    if kind is not None:
        return kind.mime
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 3:  # not just a character cut at the end
                return "application/octet-stream"
        return "text/plain"
    return "application/octet-stream"


_UNSAFE = re.compile(r'[\x00-\x1f\x7f"*/:<>?\\|]+')


def clean_filename(raw: str | None) -> str:
    """A filename safe to store and to send back: the last path segment only,
    no control characters, no path or shell separators, no leading dots,
    at most 255 characters (the extension kept)."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.encode("utf-8", "replace").decode("utf-8")  # lone surrogates
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE.sub("_", name)
    name = " ".join(name.split()).lstrip(". ")
    if len(name) > MAX_FILENAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 16:
            name = stem[: MAX_FILENAME_CHARS - len(ext) - 1] + "." + ext
        else:
            name = name[:MAX_FILENAME_CHARS]
    return name or FALLBACK_NAME

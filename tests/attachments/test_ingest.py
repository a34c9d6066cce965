"""The pieces of an upload without HTTP: filenames, sniffing, the meter."""

from __future__ import annotations

import hashlib
import io

import pytest

from calapp.attachments import ingest


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("C:\\Users\\ada\\report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("a/b/../..", "file"),
        ("   ", "file"),
        ("na\x00me.txt", "na_me.txt"),
        ("\ud800x.txt", "_x.txt"),
        ("résumé.pdf", "résumé.pdf"),
        ("x" * 400, "x" * 255),
    ],
)
def test_clean_filename(raw, clean):
    assert ingest.clean_filename(raw) == clean


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.4\n...", "application/pdf"),
        (bytes.fromhex("ffd8ffe000104a464946"), "image/jpeg"),
        (b"PK\x03\x04" + b"\x00" * 40, "application/zip"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "text/plain"),
        ("héllo wörld".encode(), "text/plain"),
        (b"\x00\x01\x02\x03", "application/octet-stream"),
        (b"", "application/octet-stream"),
    ],
)
def test_sniff(head, kind):
    assert ingest.sniff(head) == kind


def test_meter_hashes_counts_and_stops_at_the_limit():
    meter = ingest.Meter([b"ab", b"cd"], limit=4)
    assert b"".join(meter) == b"abcd"
    assert meter.size == 4 and meter.sha256 == hashlib.sha256(b"abcd").hexdigest()
    with pytest.raises(ingest.TooLarge):
        list(ingest.Meter([b"ab", b"cde"], limit=4))


def test_multipart_file_is_read_in_chunks():
    body = (
        b'--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n'
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n'
        b"Content-Type: text/html\r\n\r\n" + b"z" * 200_000 + b"\r\n--b--\r\n"
    )
    part = ingest.MultipartFile(io.BytesIO(body), b"b")
    assert (part.filename, part.declared_type) == ("a.bin", "text/html")
    chunks = list(part.chunks())
    assert b"".join(chunks) == b"z" * 200_000
    assert max(map(len, chunks)) <= ingest.READ_BYTES

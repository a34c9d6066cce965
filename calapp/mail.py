"""Email over SMTP, configured by one URL; off when ``SMTP_URL`` is unset.

``SMTP_URL``: ``smtp://user:password@host:587`` (STARTTLS when the server offers
it, certificate checked), ``smtps://user:password@host:465`` (TLS from the first
byte). User and password are optional and URL-encoded. ``SMTP_FROM`` is the
sender (``calapp <calapp@example.com>``).
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit


class MailConfigError(ValueError):
    pass


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    implicit_tls: bool
    username: str | None
    password: str | None
    sender: str
    timeout: int

    @classmethod
    def from_config(cls, config) -> SmtpSettings | None:
        """The settings in a Flask config, or None when email is off."""
        url = config.get("SMTP_URL")
        if not url:
            return None
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailConfigError("SMTP_URL must look like smtp://user:pass@host:port")
        implicit = parts.scheme == "smtps"
        return cls(
            host=parts.hostname,
            port=parts.port or (465 if implicit else 25),
            implicit_tls=implicit,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            sender=config.get("SMTP_FROM") or "calapp <calapp@localhost>",
            timeout=int(config.get("SMTP_TIMEOUT_SECONDS") or 30),
        )


def is_enabled(config) -> bool:
    return bool(config.get("SMTP_URL"))


class Mailer:
    """One SMTP connection, opened on the first message and closed on exit."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        context = ssl.create_default_context()
        if s.implicit_tls:
            smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            smtp.ehlo()
            if smtp.has_extn("starttls"):
                smtp.starttls(context=context)
                smtp.ehlo()
        if s.username:
            smtp.login(s.username, s.password or "")
        return smtp

    def send(self, message: EmailMessage) -> None:
        """:raises smtplib.SMTPException, OSError: the message was not accepted."""
        if "From" not in message:
            message["From"] = self.settings.sender
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            self._smtp.send_message(message)
        except (smtplib.SMTPServerDisconnected, OSError):
            self.close()  # the next message opens a new connection
            raise

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None


def is_retryable(error: Exception) -> bool:
    """Permanent refusals (5xx for this recipient) are not tried again."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return any(code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code < 500
    return True

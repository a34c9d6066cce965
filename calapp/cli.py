"""Admin commands: ``flask users``, ``flask api-keys``, ``flask migrate-once``."""

from __future__ import annotations

import getpass
import uuid
from datetime import datetime

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from calapp.errors import AppError
from calapp.extensions import db


@with_appcontext
def _require_schema() -> None:
    """One line instead of an ``UndefinedTable`` traceback on a fresh database."""
    from calapp.startup import schema_is_current

    if not schema_is_current():
        raise click.ClickException(
            "the database is not at the latest migration: start the API once "
            "(`make run` migrates on start) or run `flask --app wsgi migrate-once`"
        )


users_cli = AppGroup("users", help="Manage user accounts.", callback=_require_schema)
api_keys_cli = AppGroup("api-keys", help="Manage API keys.", callback=_require_schema)


def _fail(error: AppError) -> None:
    raise click.ClickException(error.message)


@users_cli.command("create")
@click.argument("email")
@click.option("--name", default=None)
@click.option("--timezone", default="UTC", show_default=True)
@click.option(
    "--password",
    default=None,
    help="Read from a prompt when omitted (avoid passwords in shell history).",
)
@click.option(
    "--verified/--unverified",
    default=True,
    show_default=True,
    help="Vouch for the address (invitations to it are linked at once), or let "
    "the user confirm it (POST /auth/verify-email/resend mails a link).",
)
def users_create(
    email: str, name: str | None, timezone: str, password: str | None, verified: bool
):
    """Create a user account."""
    from email_validator import EmailNotValidError, validate_email

    from calapp.fields import is_timezone
    from calapp.users import service

    if not is_timezone(timezone):
        raise click.ClickException(f"{timezone!r} is not a known IANA timezone")
    try:  # the same rule as the API's Email field
        validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise click.ClickException(f"{email!r} is not a valid email address") from exc
    if password is None:
        password = getpass.getpass("Password: ")
    try:
        user = service.create_user(
            email, password, name=name, timezone=timezone, email_verified=verified
        )
    except AppError as exc:
        _fail(exc)
    db.session.commit()
    click.echo(f"created {user.id} {user.email}")


@users_cli.command("deactivate")
@click.argument("email")
def users_deactivate(email: str):
    """Deactivate a user: sign-ins, tokens and API keys stop working."""
    from calapp.users import service

    user = service.find_by_email(email)
    if user is None:
        raise click.ClickException(f"no user {email}")
    service.deactivate(user, service.now())
    db.session.commit()
    click.echo(f"deactivated {user.id} {user.email}")


@users_cli.command("verify-email")
@click.argument("email")
def users_verify_email(email: str):
    """Mark a user's email as verified (links the invitations sent to it)."""
    from calapp.users import service

    user = service.find_by_email(email)
    if user is None:
        raise click.ClickException(f"no user {email}")
    service.mark_verified(user, service.now())
    db.session.commit()
    click.echo(f"verified {user.id} {user.email}")


@users_cli.command("list")
@click.option("--limit", default=100, show_default=True)
def users_list(limit: int):
    """List live users."""
    from calapp.users import service

    for user in service.list_users(limit):
        state = "active" if user.is_active else "inactive"
        click.echo(f"{user.id}  {user.email}  {state}  {user.created_at:%Y-%m-%d}")


@api_keys_cli.command("create")
@click.option("--user", "email", required=True, help="Owner's email.")
@click.option(
    "--scopes",
    required=True,
    help="Comma-separated, e.g. events:read,events:write",
)
@click.option("--name", default="cli", show_default=True)
@click.option("--expires-at", default=None, help="RFC 3339 instant with offset.")
def api_keys_create(email: str, scopes: str, name: str, expires_at: str | None):
    """Create an API key and print its secret (shown once)."""
    from calapp.api_keys import service
    from calapp.users import service as users_service

    user = users_service.find_by_email(email)
    if user is None:
        raise click.ClickException(f"no user {email}")
    expiry = None
    if expires_at:
        try:
            expiry = datetime.fromisoformat(expires_at)
        except ValueError as exc:
            raise click.ClickException("--expires-at must be RFC 3339") from exc
        if expiry.tzinfo is None:
            raise click.ClickException("--expires-at needs Z or an offset")
    try:
        key, secret = service.create(
            user.id,
            name,
            [s.strip() for s in scopes.split(",") if s.strip()],
            users_service.now(),
            expiry,
        )
    except AppError as exc:
        _fail(exc)
    db.session.commit()
    click.echo(f"id: {key.id}")
    click.echo(f"key: {secret}")


@api_keys_cli.command("revoke")
@click.argument("key_id")
def api_keys_revoke(key_id: str):
    """Revoke an API key by id."""
    from calapp.api_keys.models import ApiKey
    from calapp.users.service import now

    try:
        key = db.session.get(ApiKey, uuid.UUID(key_id))
    except ValueError as exc:
        raise click.ClickException("KEY_ID must be a UUID") from exc
    if key is None:
        raise click.ClickException(f"no API key {key_id}")
    key.revoked_at = key.revoked_at or now()
    db.session.commit()
    click.echo(f"revoked {key.id}")


@click.command("migrate-once")
def migrate_once():
    """Upgrade the database to the latest migration, once across processes."""
    from calapp.startup import upgrade_database

    upgrade_database()
    click.echo("database is at the latest migration")


def register_commands(app: Flask) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(api_keys_cli)
    app.cli.add_command(migrate_once)

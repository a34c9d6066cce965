import marshmallow as ma

from calapp.api import PageArgsSchema, Schema


class ProviderSchema(Schema):
    EXAMPLE = {
        "name": "google",
        "display_name": "Google",
        "issuer": "https://accounts.google.com",
        "authorize_url": "/auth/oidc/google/authorize",
    }

    name = ma.fields.String(
        required=True, metadata={"description": "The `{provider}` of the paths"}
    )
    display_name = ma.fields.String(
        required=True, metadata={"description": "For a 'Sign in with ...' button"}
    )
    issuer = ma.fields.String(required=True)
    authorize_url = ma.fields.String(
        required=True,
        metadata={
            "description": "Where the button sends the browser (add ?redirect_uri=)"
        },
    )


def _page_uri(description: str, example: str):
    """A page of a client app (on OIDC_REDIRECT_ALLOWLIST) to send a browser to."""
    return ma.fields.String(
        load_default=None,
        validate=ma.validate.Length(min=1, max=2048),
        metadata={"description": description, "example": example},
    )


def _redirect_uri():
    return _page_uri(
        "The client app's page to come back to, with a one-time `code` to trade "
        "at POST /auth/oidc/exchange (or, when the sign-in fails, `error`). Must "
        "be on OIDC_REDIRECT_ALLOWLIST. Without it the callback answers the "
        "tokens as JSON (as POST /auth/login does).",
        "https://app.example.com/signed-in",
    )


def _client_state(
    description: str = "The client app's own opaque value, handed back as "
    "`state` with the redirect: the app checks it is the one it sent "
    "(login CSRF).",
):
    return ma.fields.String(
        load_default=None,
        validate=ma.validate.Length(min=1, max=512),
        metadata={"description": description},
    )


class AuthorizeArgsSchema(Schema):
    redirect_uri = _redirect_uri()
    state = _client_state()


class CallbackArgsSchema(Schema):
    """What the provider appends to the callback (RFC 6749 §4.1.2, RFC 9207)."""

    class Meta(Schema.Meta):
        unknown = ma.EXCLUDE  # providers add parameters of their own (session_state)

    code = ma.fields.String(validate=ma.validate.Length(max=4096))
    state = ma.fields.String(validate=ma.validate.Length(max=512))
    iss = ma.fields.String(validate=ma.validate.Length(max=2048))
    error = ma.fields.String(validate=ma.validate.Length(max=256))
    error_description = ma.fields.String(validate=ma.validate.Length(max=2048))


class ExchangeSchema(Schema):
    EXAMPLE = {"code": "Jq3vX2kR9mN4sL8tW1yZ6bC3dF5gH0jK2aE4uI6oY8x"}

    code = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "The `code` of the redirect to the client app"},
    )


class IdentitySchema(Schema):
    EXAMPLE = {
        "id": "3b9e8f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
        "provider": "google",
        "subject": "110248495921238986420",
        "email": "ada@example.com",
        "linked_at": "2026-12-01T10:15:00Z",
        "last_sign_in_at": "2026-12-03T08:02:00Z",
    }

    id = ma.fields.UUID(required=True)
    provider = ma.fields.String(required=True)
    subject = ma.fields.String(
        required=True, metadata={"description": "The provider's `sub` for you"}
    )
    email = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The email the provider gave at the last sign-in"},
    )
    linked_at = ma.fields.DateTime(required=True)
    last_sign_in_at = ma.fields.DateTime(required=True, allow_none=True)


class IdentityListArgsSchema(PageArgsSchema):
    pass


class IdentityPathSchema(Schema):
    identity_id = ma.fields.UUID(required=True)


class LinkSchema(Schema):
    EXAMPLE = {
        "provider": "microsoft",
        "redirect_uri": "https://app.example.com/linked",
        "state": "k2J9xQ",
    }

    provider = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=32),
        metadata={"description": "A name of GET /auth/oidc/providers"},
    )
    redirect_uri = _redirect_uri()
    state = _client_state()


class LinkStartedSchema(Schema):
    EXAMPLE = {
        "authorize_url": "https://login.microsoftonline.com/common/oauth2/v2.0/"
        "authorize?response_type=code&client_id=...&state=...",
    }

    authorize_url = ma.fields.String(
        required=True,
        metadata={"description": "Open it in the browser to sign in at the provider"},
    )


class SignOutSchema(Schema):
    EXAMPLE = {
        "post_logout_redirect_uri": "https://app.example.com/signed-out",
        "state": "q8Lw2d",
    }

    post_logout_redirect_uri = _page_uri(
        "Where the provider sends the browser after its own sign-out. Must be on "
        "OIDC_REDIRECT_ALLOWLIST and registered at the provider as a post-logout "
        "redirect URI.",
        "https://app.example.com/signed-out",
    )
    state = _client_state(
        "The client app's own value, handed back by the provider with the "
        "redirect to post_logout_redirect_uri."
    )


class SignedOutSchema(Schema):
    EXAMPLE = {
        "end_session_url": "https://accounts.example.com/logout?id_token_hint=eyJ..."
        "&client_id=calapp&post_logout_redirect_uri=https%3A%2F%2Fapp.example.com"
        "%2Fsigned-out&state=q8Lw2d"
    }

    end_session_url = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "Open it in the browser to end the session at the "
            "provider too (RP-Initiated Logout: id_token_hint, client_id, "
            "post_logout_redirect_uri, state). null when the session did not "
            "come from a provider, the provider publishes no "
            "end_session_endpoint, or it cannot be reached (calapp's session is "
            "ended all the same)."
        },
    )

from flask import current_app, redirect, request
from flask.views import MethodView

from calapp.api import Blueprint, current_principal, page_of
from calapp.auth.schemas import TokenSchema
from calapp.errors import AppError
from calapp.extensions import db, limiter
from calapp.oidc import accounts, providers, service, sign_out
from calapp.oidc.schemas import (
    AuthorizeArgsSchema,
    CallbackArgsSchema,
    ExchangeSchema,
    IdentityListArgsSchema,
    IdentitySchema,
    LinkSchema,
    LinkStartedSchema,
    ProviderSchema,
    SignedOutSchema,
    SignOutSchema,
)
from calapp.ratelimit import client_ip_key
from calapp.users import service as users_service

blp = Blueprint(
    "oidc",
    __name__,
    url_prefix="/auth/oidc",
    description="Sign in with OpenID Connect (Google, Microsoft Entra ID, any "
    "standards-compliant provider configured by OIDC_PROVIDERS)",
)
identities_blp = Blueprint(
    "identities",
    __name__,
    url_prefix="/users/me/identities",
    description="Accounts at OpenID providers linked to yours",
)

# Like /auth/login: sign-in acts for nobody yet, so it counts per client IP.
_per_ip = limiter.limit(
    lambda: current_app.config["RATELIMIT_AUTH"], key_func=client_ip_key
)
NO_STORE = {"Cache-Control": "no-store"}
REDIRECT_302 = {
    "description": "To the provider's sign-in page",
    "headers": {"Location": {"schema": {"type": "string", "format": "uri"}}},
}


def _callback_url(name: str) -> str:
    """calapp's callback for provider ``name``: register it at the provider."""
    base = current_app.config["OIDC_CALLBACK_BASE_URL"] or request.host_url
    return f"{base.rstrip('/')}/auth/oidc/{name}/callback"


def _redirect(location: str):
    response = redirect(location, code=302)
    response.headers.update(NO_STORE)
    return response


@blp.route("/providers")
class ProvidersView(MethodView):
    decorators = [_per_ip]

    @blp.doc(operationId="listSignInProviders", security=[])
    @blp.response(200, page_of(ProviderSchema))
    @blp.errors(429)
    def get(self):
        """List the OpenID providers people can sign in with

        For a login page: one 'Sign in with ...' button per provider, linking to its
        authorize_url. Public; empty when no provider is configured.
        """
        items = [
            {
                "name": p.name,
                "display_name": p.display_name,
                "issuer": p.issuer,
                "authorize_url": f"/auth/oidc/{p.name}/authorize",
            }
            for p in providers.configured()
        ]
        return {"items": items, "next_cursor": None}


@blp.route("/<provider>/authorize")
class AuthorizeView(MethodView):
    decorators = [_per_ip]

    @blp.doc(operationId="startOidcSignIn", security=[])
    @blp.arguments(AuthorizeArgsSchema, location="query")
    @blp.alt_response(302, **REDIRECT_302)
    @blp.errors(400, 404, 429, 503)
    def get(self, args, provider):
        """Start signing in with an OpenID provider (redirects to it)

        Open it in the browser: calapp keeps a one-time state, nonce and PKCE
        verifier and sends the browser to the provider. After sign-in the provider
        returns to /auth/oidc/{provider}/callback. An unknown provider is a 404.
        """
        url = service.start(
            provider,
            args["redirect_uri"],
            args["state"],
            _callback_url(provider),
            users_service.now(),
        )
        db.session.commit()
        return _redirect(url)


@blp.route("/<provider>/callback")
class CallbackView(MethodView):
    decorators = [_per_ip]

    @blp.doc(operationId="finishOidcSignIn", security=[])
    @blp.arguments(CallbackArgsSchema, location="query")
    @blp.response(200, TokenSchema)
    @blp.alt_response(
        302,
        description="Only for a sign-in started with a `redirect_uri`: to that "
        "client app page. On success with a one-time `code` (trade it at POST "
        "/auth/oidc/exchange) and the app's `state`. On a failure once the state "
        "is checked (the person cancelled at the provider, the code or the ID "
        "token refused, `email_unverified`, `email_missing`, `identity_taken`, "
        "the provider unreachable...) with `error` (the error code the JSON "
        "answer would carry), `error_description` (its message), the app's "
        "`state`, and `provider_error` when the provider answered an error of "
        "its own (`access_denied`: the person cancelled), as RFC 6749 "
        "§4.1.2.1 does.",
        headers={
            "Location": {
                "schema": {"type": "string", "format": "uri"},
                "example": "https://app.example.com/signed-in?error=oidc_rejected"
                "&error_description=Google+did+not+sign+you+in%3A+access_denied"
                "&provider_error=access_denied&state=k2J9xQ",
            }
        },
    )
    @blp.errors(400, 401, 403, 404, 409, 429, 503)
    def get(self, args, provider):
        """Finish signing in: the provider sends the browser back here

        Register this URL at the provider. calapp checks the state (once only),
        exchanges the code with PKCE, validates the ID token, and finds or creates
        the account; then it answers the tokens as POST /auth/login does, or
        redirects to the client app's redirect_uri with a one-time code. Errors
        are JSON without a redirect_uri; with one, every error after the state
        check redirects to it (302 with `error`), while a missing, unknown, used
        or expired state and an unknown provider stay JSON (400 invalid_state,
        404): nothing then says where the browser may safely go.
        """
        now = users_service.now()
        try:
            login = service.consume_state(provider, args.get("state"), now)
        finally:
            db.session.commit()  # a state is spent even when the sign-in fails
        try:
            result = service.finish(login, args, _callback_url(provider), now)
        except AppError as exc:
            if login.redirect_uri is None:
                raise
            db.session.rollback()  # nothing half-written, as with the JSON error
            result = service.error_redirect(login, exc)
        db.session.commit()
        if isinstance(result, service.Redirect):
            return _redirect(result.location)
        return result


@blp.route("/exchange")
class ExchangeView(MethodView):
    decorators = [_per_ip]

    @blp.doc(operationId="exchangeOidcCode", security=[])
    @blp.arguments(ExchangeSchema)
    @blp.response(200, TokenSchema)
    @blp.errors(401, 429)
    def post(self, data):
        """Trade the one-time code of a sign-in redirect for tokens

        A single-page or mobile app calls this with the `code` its redirect_uri
        received after signing in with a provider. The code works once and for
        OIDC_EXCHANGE_CODE_SECONDS (60 s by default); the answer is POST
        /auth/login's.
        """
        tokens = service.exchange(data["code"], users_service.now())
        db.session.commit()
        return tokens


@blp.route("/logout")
class SignOutView(MethodView):
    @blp.doc(operationId="signOutWithProvider")
    @blp.auth_required(api_key=False)
    @blp.arguments(SignOutSchema)
    @blp.response(200, SignedOutSchema)
    @blp.errors(400)
    def post(self, data):
        """Sign out here, and get the provider's logout URL to sign out there too

        Ends this calapp session as POST /auth/logout does. When the session came
        from signing in with a provider that publishes an end_session_endpoint,
        answers its logout URL (with id_token_hint): open it in the browser to
        end the provider's session, then come back to post_logout_redirect_uri.
        """
        url = sign_out.sign_out(
            current_principal(),
            data["post_logout_redirect_uri"],
            data["state"],
            users_service.now(),
        )
        db.session.commit()
        return {"end_session_url": url}


@identities_blp.route("")
class IdentitiesView(MethodView):
    @identities_blp.doc(operationId="listIdentities")
    @identities_blp.auth_required("account:read")
    @identities_blp.arguments(IdentityListArgsSchema, location="query")
    @identities_blp.response(200, page_of(IdentitySchema))
    def get(self, args):
        """List the provider accounts linked to yours

        Each identity lets you sign in with its provider (Google, Microsoft...).
        Linked on first sign-in with the provider, or by a verified email.
        """
        items, cursor = accounts.list_page(
            current_principal(), args["limit"], args["cursor"]
        )
        return {"items": items, "next_cursor": cursor}

    @identities_blp.doc(operationId="linkIdentity")
    @identities_blp.auth_required(api_key=False)
    @identities_blp.arguments(LinkSchema)
    @identities_blp.response(200, LinkStartedSchema)
    @identities_blp.errors(400, 404, 503)
    def post(self, data):
        """Start linking a provider account to yours (answers its sign-in URL)

        Open authorize_url in the browser and sign in at the provider: its callback
        links that identity to your account, whatever its email (the way to link a
        provider that does not verify emails), then answers like a sign-in. 409
        identity_taken at the callback when another account has it.
        """
        url = service.start(
            data["provider"],
            data["redirect_uri"],
            data["state"],
            _callback_url(data["provider"]),
            users_service.now(),
            link_user_id=current_principal().user_id,
        )
        db.session.commit()
        return {"authorize_url": url}


@identities_blp.route("/<uuid:identity_id>")
class IdentityByIdView(MethodView):
    @identities_blp.doc(operationId="unlinkIdentity")
    @identities_blp.auth_required(api_key=False)
    @identities_blp.response(204)
    @identities_blp.errors(404, 409)
    def delete(self, identity_id):
        """Unlink a provider account from yours

        You can no longer sign in with it. Refused (409 last_sign_in_method) when
        it is your only way to sign in: set a password or link another first.
        """
        accounts.unlink(current_principal(), identity_id, users_service.now())
        db.session.commit()

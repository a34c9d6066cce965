from pathlib import Path

from flask import Response, current_app, request
from flask.views import MethodView

from calapp.api import Blueprint, current_principal
from calapp.auth import service
from calapp.auth.schemas import (
    LoginSchema,
    LogoutSchema,
    RefreshSchema,
    RegisterSchema,
    TokenSchema,
    VerificationSentSchema,
    VerifyEmailSchema,
)
from calapp.extensions import db, limiter
from calapp.ratelimit import client_ip_key, login_email_key, no_posted_email
from calapp.users import service as users_service
from calapp.users import verification
from calapp.users.schemas import UserSchema

blp = Blueprint("auth", __name__, url_prefix="/auth", description="Sign-in and tokens")


def _auth_limit():
    return current_app.config["RATELIMIT_AUTH"]


# Sign-in acts for nobody yet: count per client IP, whatever credentials come along
# (a key of one's own must not buy more attempts).
_per_ip = limiter.limit(_auth_limit, key_func=client_ip_key)
# Login also per target account, so rotating IPs gains nothing against one account.
_per_email = limiter.limit(
    _auth_limit, key_func=login_email_key, exempt_when=no_posted_email
)


@blp.route("/register")
class RegisterView(MethodView):
    decorators = [_per_ip]

    @blp.doc(operationId="registerUser")
    @blp.arguments(RegisterSchema)
    @blp.response(201, TokenSchema)
    @blp.errors(409, 429)
    def post(self, data):
        """Create an account and sign in (a link to confirm the email is mailed)

        Use this once per person to open an account. The answer already carries an
        access token and a refresh token, so no login is needed afterwards; an email
        already registered is a 409.
        """
        user = users_service.create_user(**data)
        now = users_service.now()
        verification.send_link(user, user.email, now, request.host_url)
        tokens = service.start_session(user, now)
        db.session.commit()
        return tokens


@blp.route("/login")
class LoginView(MethodView):
    decorators = [_per_ip, _per_email]

    @blp.doc(operationId="login")
    @blp.arguments(LoginSchema)
    @blp.response(200, TokenSchema)
    @blp.errors(401, 429)
    def post(self, data):
        """Sign in with email and password

        Exchange a person's email and password for a 15-minute access token and a
        refresh token. Scripts and agents should rather use an API key (POST /api-keys)
        than keep a password.
        """
        tokens = service.login(data["email"], data["password"], users_service.now())
        db.session.commit()
        return tokens


@blp.route("/refresh")
class RefreshView(MethodView):
    decorators = [_per_ip]

    @blp.doc(operationId="refreshTokens")
    @blp.arguments(RefreshSchema)
    @blp.response(200, TokenSchema)
    @blp.errors(401, 429)
    def post(self, data):
        """Exchange a refresh token for new tokens (the old one stops working)

        Call this when the access token has expired (401 token_expired). Refresh tokens
        rotate: keep the new one, since presenting a token already used revokes its
        whole session.
        """
        try:
            tokens = service.refresh(data["refresh_token"], users_service.now())
        except service.RefreshTokenReused:
            db.session.commit()  # keep the revocation of the stolen chain
            raise
        db.session.commit()
        return tokens


@blp.route("/logout")
class LogoutView(MethodView):
    @blp.doc(operationId="logout")
    @blp.auth_required(api_key=False)
    @blp.arguments(LogoutSchema)
    @blp.response(204)
    def post(self, data):
        """Sign out: this session, the refresh token's session, or all sessions

        Revokes the refresh token of this session, or of the refresh_token given, or
        with all=true every session of the user. Use it when a device or a program is
        done with its tokens.
        """
        service.logout(
            current_principal(),
            users_service.now(),
            data.get("refresh_token"),
            data["all"],
        )
        db.session.commit()


@blp.route("/me")
class AuthMeView(MethodView):
    @blp.doc(operationId="getSignedInUser")
    @blp.auth_required("account:read")
    @blp.response(200, UserSchema)
    def get(self):
        """Get the signed-in user

        Tells who the credentials belong to: the user of the access token or of the API
        key. Use it to check a token or to learn the user's id and time zone.
        """
        return users_service.get_live(current_principal().user_id)


HTML_200 = {
    "responses": {
        200: {
            "content": {
                "text/html": {
                    "schema": {"type": "string"},
                    "example": "<!doctype html>...",
                }
            }
        }
    }
}


@blp.route("/verify-email")
class VerifyEmailView(MethodView):
    decorators = [_per_ip]

    @blp.doc(operationId="openVerifyEmailPage")
    @blp.doc(security=[], **HTML_200)
    @blp.response(
        200,
        description="The page the emailed link opens (`/auth/verify-email#token=...`)"
        ": its button posts the token to `POST /auth/verify-email`",
    )
    @blp.errors(429)
    def get(self):
        """Open the page that confirms an email address (changes nothing)

        The HTML page the emailed confirmation link opens. Browsers only: programs
        confirm an address with POST /auth/verify-email and the link's token.
        """
        html = Path(current_app.static_folder, "verify-email", "index.html")
        return Response(
            html.read_bytes(),
            200,
            mimetype="text/html",
            headers={"Cache-Control": "no-cache"},
        )

    @blp.doc(operationId="verifyEmail")
    @blp.doc(security=[])
    @blp.arguments(VerifyEmailSchema)
    @blp.response(200, UserSchema)
    @blp.errors(400, 409, 429)
    def post(self, data):
        """Confirm an email address with the token of the link mailed to it

        The link works once and for 24 hours. The address becomes verified (a
        pending new address replaces the old one), and the invitations sent to it
        are linked to the account. No sign-in needed: the token proves the mailbox.
        """
        user = verification.confirm(data["token"], users_service.now())
        db.session.commit()
        return user


@blp.route("/verify-email/resend")
class ResendVerificationView(MethodView):
    decorators = [_per_ip]

    @blp.doc(operationId="resendVerificationEmail")
    @blp.auth_required(api_key=False)
    @blp.response(202, VerificationSentSchema)
    @blp.errors(409, 429)
    def post(self):
        """Mail a new confirmation link (to the pending address, else the current one)

        The previous links stop working. At most one link a minute (429 with
        Retry-After); 409 when the address is already verified.
        """
        user = users_service.get_live(current_principal().user_id)
        email = verification.resend(user, users_service.now(), request.host_url)
        db.session.commit()
        return {"email": email}

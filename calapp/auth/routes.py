from flask import current_app
from flask.views import MethodView

from calapp.api import Blueprint, current_principal
from calapp.auth import service
from calapp.auth.schemas import (
    LoginSchema,
    LogoutSchema,
    RefreshSchema,
    RegisterSchema,
    TokenSchema,
)
from calapp.extensions import db, limiter
from calapp.users import service as users_service
from calapp.users.schemas import UserSchema

blp = Blueprint("auth", __name__, url_prefix="/auth", description="Sign-in and tokens")


def _auth_limit():
    return current_app.config["RATELIMIT_AUTH"]


@blp.route("/register")
class RegisterView(MethodView):
    decorators = [limiter.limit(_auth_limit)]

    @blp.arguments(RegisterSchema)
    @blp.response(201, TokenSchema)
    @blp.errors(409, 429)
    def post(self, data):
        """Create an account and sign in"""
        user = users_service.create_user(**data)
        tokens = service.start_session(user, users_service.now())
        db.session.commit()
        return tokens


@blp.route("/login")
class LoginView(MethodView):
    decorators = [limiter.limit(_auth_limit)]

    @blp.arguments(LoginSchema)
    @blp.response(200, TokenSchema)
    @blp.errors(401, 429)
    def post(self, data):
        """Sign in with email and password"""
        tokens = service.login(data["email"], data["password"], users_service.now())
        db.session.commit()
        return tokens


@blp.route("/refresh")
class RefreshView(MethodView):
    decorators = [limiter.limit(_auth_limit)]

    @blp.arguments(RefreshSchema)
    @blp.response(200, TokenSchema)
    @blp.errors(401, 429)
    def post(self, data):
        """Exchange a refresh token for new tokens (the old one stops working)"""
        try:
            tokens = service.refresh(data["refresh_token"], users_service.now())
        except service.RefreshTokenReused:
            db.session.commit()  # keep the revocation of the stolen chain
            raise
        db.session.commit()
        return tokens


@blp.route("/logout")
class LogoutView(MethodView):
    @blp.auth_required(api_key=False)
    @blp.arguments(LogoutSchema)
    @blp.response(204)
    def post(self, data):
        """Sign out: this session, the refresh token's session, or all sessions"""
        service.logout(
            current_principal(),
            users_service.now(),
            data.get("refresh_token"),
            data["all"],
        )
        db.session.commit()


@blp.route("/me")
class AuthMeView(MethodView):
    @blp.auth_required()
    @blp.response(200, UserSchema)
    def get(self):
        """Get the signed-in user"""
        return users_service.get_live(current_principal().user_id)

from flask import request
from flask.views import MethodView

from calapp.api import Blueprint, current_principal
from calapp.extensions import db
from calapp.users import service, verification
from calapp.users.schemas import UserSchema, UserUpdateSchema

blp = Blueprint("users", __name__, url_prefix="/users", description="Your account")


@blp.route("/me")
class MeView(MethodView):
    @blp.doc(operationId="getProfile")
    @blp.auth_required("account:read")
    @blp.response(200, UserSchema)
    def get(self):
        """Get your profile

        The signed-in user's account: email, name, time zone and whether the email is
        verified. Same body as GET /auth/me.
        """
        return service.get_live(current_principal().user_id)

    @blp.doc(operationId="updateProfile")
    @blp.auth_required("account:write")
    @blp.arguments(UserUpdateSchema)
    @blp.response(200, UserSchema)
    @blp.errors(400, 401, 409)
    def put(self, changes):
        """Update your profile (email and password changes need current_password)

        A new email is not applied at once: it becomes `pending_email` and a link
        is mailed to it; following the link (`POST /auth/verify-email`) makes it
        the account's email. default_schedule_id picks your default schedule;
        holiday_country, holiday_subdivision (checked against the holidays package,
        400 when unknown) and holidays_block say whether public holidays make you
        unavailable. API keys need `account:write`, and may not change the email or
        the password. An account made by signing in with an OpenID provider has no
        password yet: it sets one without current_password.
        """
        principal = current_principal()
        user = service.get_live(principal.user_id)
        service.update_profile(user, changes, principal)
        if "email" in changes and user.pending_email is not None:
            verification.send_link(
                user, user.pending_email, service.now(), request.host_url
            )
        db.session.commit()
        return user

    @blp.doc(operationId="deleteAccount")
    @blp.auth_required(api_key=False)
    @blp.response(204)
    def delete(self):
        """Delete your account (tokens and API keys stop working at once)

        Closes the account: signing in stops working, and its access tokens, refresh
        tokens and API keys are refused from the next request on. Signed-in users only,
        never an API key.
        """
        user = service.get_live(current_principal().user_id)
        service.delete(user, service.now())
        db.session.commit()

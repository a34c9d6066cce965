from flask.views import MethodView

from calapp.api import Blueprint, current_principal, page_of
from calapp.api_keys import service
from calapp.api_keys.schemas import (
    ApiKeyCreatedSchema,
    ApiKeyCreateSchema,
    ApiKeyListArgsSchema,
    ApiKeySchema,
)
from calapp.extensions import db
from calapp.users.service import now

blp = Blueprint(
    "api-keys",
    __name__,
    url_prefix="/api-keys",
    description="Scoped API keys for agents and scripts (managed by signed-in users)",
)


@blp.route("")
class ApiKeysView(MethodView):
    @blp.doc(operationId="listApiKeys")
    @blp.auth_required(api_key=False)
    @blp.arguments(ApiKeyListArgsSchema, location="query")
    @blp.response(200, page_of(ApiKeySchema))
    def get(self, args):
        """List your API keys (never their secrets), newest first

        Every API key of the signed-in user with its scopes, prefix, expiry and last
        use, revoked ones included. The secrets are never shown again.
        """
        items, cursor = service.list_page(
            current_principal().user_id, args["limit"], args["cursor"]
        )
        return {"items": items, "next_cursor": cursor}

    @blp.doc(operationId="createApiKey")
    @blp.auth_required(api_key=False)
    @blp.arguments(ApiKeyCreateSchema)
    @blp.response(201, ApiKeyCreatedSchema)
    def post(self, data):
        """Create an API key; its secret is in this response only

        Give a script or an agent its own credential, limited to the scopes it needs
        (write implies read). Keep the key from this response: only its hash is stored.
        Signed-in users only.
        """
        key, secret = service.create(
            current_principal().user_id,
            data["name"],
            data["scopes"],
            now(),
            data.get("expires_at"),
        )
        db.session.commit()
        key.key = secret
        return key


@blp.route("/<uuid:key_id>")
class ApiKeyByIdView(MethodView):
    @blp.doc(operationId="revokeApiKey")
    @blp.auth_required(api_key=False)
    @blp.response(204)
    @blp.errors(404)
    def delete(self, key_id):
        """Revoke an API key (at once)

        The key is refused from the next request on. Use it when a key leaked or its
        script is retired; revoking is final.
        """
        service.revoke(current_principal().user_id, key_id, now())
        db.session.commit()

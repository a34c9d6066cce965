from flask import current_app
from flask.views import MethodView

from calapp.api import Blueprint, PageArgsSchema, current_principal, page_of
from calapp.extensions import db
from calapp.users.service import now
from calapp.webhooks import schemas, service
from calapp.webhooks.models import EVENT_TYPES
from calapp.webhooks.schemas import (
    DeliveryQueryArgsSchema,
    EventTypeListSchema,
    WebhookCreatedSchema,
    WebhookCreateSchema,
    WebhookDeliverySchema,
    WebhookSchema,
)

blp = Blueprint(
    "webhooks",
    __name__,
    url_prefix="/webhooks",
    description="Your HTTP endpoints for events, bookings and due reminders. Each "
    "request is a JSON `WebhookPayload` (one schema per type, see "
    "`GET /webhooks/event-types` and the `Webhook*` components) with "
    '`Calapp-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the '
    "secret>`, `Calapp-Event` and `Calapp-Delivery` headers. Answer within 10 "
    "seconds in all (connecting, reading the request and answering; only the "
    "status counts, and at most 64 KiB of the answer is read). Failed requests (a "
    "timeout, 408, 429, 5xx) are tried again after 1m, 5m, 30m, 2h and 6h; "
    "`GET /webhooks/{id}/deliveries` lists every attempt. Event and booking "
    "webhooks are made from the change log once a change is committed (within "
    "seconds; a change rolled back sends nothing); their payloads carry the "
    "change's `position` and an `id` to deduplicate on.",
)


@blp.route("")
class WebhooksView(MethodView):
    @blp.doc(operationId="listWebhooks")
    @blp.auth_required("events:read")
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_of(WebhookSchema))
    def get(self, args):
        """List your webhooks

        Your registered webhook endpoints with the event types each receives.
        """
        items, cursor = service.list_page(
            current_principal(), limit=args["limit"], cursor=args["cursor"]
        )
        return {"items": items, "next_cursor": cursor}

    @blp.doc(operationId="createWebhook")
    @blp.auth_required("events:write")
    @blp.arguments(WebhookCreateSchema)
    @blp.response(201, WebhookCreatedSchema)
    def post(self, data):
        """Register a webhook (its secret is shown once)

        calapp will POST signed JSON to the URL for the chosen event types. Keep the
        secret from this response to verify Calapp-Signature.
        """
        hook, _ = service.create(
            current_principal(),
            data,
            now(),
            allow_private=current_app.config["WEBHOOK_ALLOW_PRIVATE"],
        )
        db.session.commit()
        return hook  # its secret: shown in this response only


@blp.route("/event-types")
class EventTypesView(MethodView):
    @blp.doc(operationId="listWebhookEventTypes")
    @blp.auth_required("events:read")
    @blp.response(200, EventTypeListSchema)
    def get(self):
        """List the event types and the JSON Schema of their payloads

        Each event type a webhook can receive, with a description and the JSON Schema of
        its payload.
        """
        return {
            "items": [
                {
                    "type": event_type,
                    "description": schemas.DESCRIPTIONS[event_type],
                    "schema": payload_json_schema(event_type),
                }
                for event_type in EVENT_TYPES
            ]
        }


@blp.route("/<uuid:webhook_id>")
class WebhookByIdView(MethodView):
    @blp.doc(operationId="getWebhook")
    @blp.auth_required("events:read")
    @blp.response(200, WebhookSchema)
    @blp.errors(400, 404)
    def get(self, webhook_id):
        """Get a webhook

        One of your webhooks with its URL and event types (never its secret).
        """
        return service.get(current_principal(), webhook_id)

    @blp.doc(operationId="deleteWebhook")
    @blp.auth_required("events:write")
    @blp.response(204)
    @blp.errors(400, 404)
    def delete(self, webhook_id):
        """Delete a webhook and its deliveries

        Stops all deliveries to the endpoint at once and forgets their history.
        """
        service.delete(current_principal(), webhook_id)
        db.session.commit()


@blp.route("/<uuid:webhook_id>/deliveries")
class DeliveriesView(MethodView):
    @blp.doc(operationId="listWebhookDeliveries")
    @blp.auth_required("events:read")
    @blp.arguments(DeliveryQueryArgsSchema, location="query")
    @blp.response(200, page_of(WebhookDeliverySchema))
    @blp.errors(404)
    def get(self, args, webhook_id):
        """List a webhook's deliveries, newest first, with every attempt

        What was sent to a webhook and how each attempt went (status, error), to debug
        an endpoint; filter by status.
        """
        items, cursor = service.deliveries_page(
            current_principal(),
            webhook_id,
            limit=args["limit"],
            cursor=args["cursor"],
            status=args.get("status"),
        )
        return {"items": items, "next_cursor": cursor}


@blp.route("/<uuid:webhook_id>/deliveries/<uuid:delivery_id>/redeliver")
class RedeliverView(MethodView):
    @blp.doc(operationId="redeliverWebhookDelivery")
    @blp.auth_required("events:write")
    @blp.response(202, WebhookDeliverySchema)
    @blp.errors(400, 404, 409)
    def post(self, webhook_id, delivery_id):
        """Send a delivery's payload again (as a new delivery)

        Queues the same payload once more as a new delivery, e.g. after fixing the
        endpoint.
        """
        copy = service.redeliver(current_principal(), webhook_id, delivery_id, now())
        db.session.commit()
        return copy


# --- payload schemas in the OpenAPI document -------------------------------------

_JSON_SCHEMAS: dict[str, dict] = {}


def register_payload_schemas(spec) -> None:
    """Add one component per payload type and ``WebhookPayload`` (their oneOf)."""
    for event_type, schema in schemas.PAYLOAD_SCHEMAS.items():
        name = schemas.component_name(event_type)
        if name not in spec.components.schemas:
            spec.components.schema(name, schema=schema)
    if "WebhookPayload" not in spec.components.schemas:
        refs = {
            t: f"#/components/schemas/{schemas.component_name(t)}" for t in EVENT_TYPES
        }
        spec.components.schema(
            "WebhookPayload",
            {
                "oneOf": [{"$ref": ref} for ref in refs.values()],
                "discriminator": {"propertyName": "type", "mapping": refs},
            },
        )
    _JSON_SCHEMAS.update(spec.to_dict()["components"]["schemas"])


def payload_json_schema(event_type: str) -> dict:
    """The payload's JSON Schema with every ``$ref`` inlined."""
    name = schemas.component_name(event_type)
    return _inline({"$ref": f"#/components/schemas/{name}"})


def _inline(node):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            return _inline(_JSON_SCHEMAS[ref.rsplit("/", 1)[1]])
        return {key: _inline(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(item) for item in node]
    return node

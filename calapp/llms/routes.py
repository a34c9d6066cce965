"""``/llms.txt`` and ``/booking/{token}/llms.txt``: Markdown for language models.

Both are public and answer ``text/markdown; charset=utf-8``, built on each
request from live data (``calapp.llms.builder``): the app's OpenAPI document and
URL map, and the booking link's own fields. An unknown or inactive link is a
404 in the API's JSON error format, as on every public booking endpoint.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Response, current_app, request, url_for
from flask.views import MethodView
from flask_smorest import current_api

from calapp.api import Blueprint
from calapp.booking import holds, service
from calapp.extensions import limiter
from calapp.llms import builder
from calapp.ratelimit import client_ip_key
from calapp.users import service as users_service

MCP_PATH = "/mcp"
MARKDOWN = "text/markdown; charset=utf-8"
NEXT_SLOTS = 3
NEXT_SLOTS_WITHIN = timedelta(days=14)


def _markdown_200(example: str) -> dict:
    return {
        "responses": {
            200: {
                "content": {
                    "text/markdown": {"schema": {"type": "string"}, "example": example}
                }
            }
        }
    }


blp = Blueprint(
    "llms",
    __name__,
    description="llms.txt: what calapp and each booking link offer, in Markdown "
    "for language models and agents",
)


def _public_limit():
    return current_app.config["RATELIMIT_PUBLIC"]


def _base_url() -> str:
    base = current_app.config.get("PUBLIC_BASE_URL") or request.host_url
    return base.rstrip("/")


def _markdown(text: str) -> Response:
    return Response(
        text, 200, content_type=MARKDOWN, headers={"Cache-Control": "no-cache"}
    )


def _spec() -> dict:
    """The app's OpenAPI document (built once per app: routes do not change)."""
    cache = current_app.extensions.setdefault("calapp.llms", {})
    if "spec" not in cache:
        cache["spec"] = current_api.spec.to_dict()
    return cache["spec"]


@blp.route("/llms.txt")
class LlmsTxtView(MethodView):
    decorators = [limiter.limit(_public_limit, key_func=client_ip_key)]

    @blp.doc(
        security=[],
        operationId="getLlmsTxt",
        **_markdown_200("# calapp\n\n> A self-hostable calendar and contacts API"),
    )
    @blp.response(200, description="Markdown (text/markdown; charset=utf-8)")
    @blp.errors(429)
    def get(self):
        """Describe calapp for language models (llms.txt)

        Markdown for an agent's first visit: what calapp is, how to authenticate
        with a JWT or an API key and its scopes, the core calls with their scopes
        (read from this OpenAPI document), and links to the OpenAPI document,
        Swagger UI and the MCP server.
        """
        config = current_app.config
        site = builder.Site(
            base_url=_base_url(),
            spec=_spec(),
            openapi_path=url_for("api-docs.openapi_json"),
            docs_path=url_for("api-docs.openapi_swagger_ui"),
            mcp_path=MCP_PATH,
            access_token_minutes=config["ACCESS_TOKEN_MINUTES"],
        )
        return _markdown(builder.site_text(site))


@blp.route("/booking/<string:token>/llms.txt")
class BookingLinkLlmsTxtView(MethodView):
    decorators = [limiter.limit(_public_limit, key_func=client_ip_key)]

    @blp.doc(
        security=[],
        operationId="getBookingLinkLlmsTxt",
        **_markdown_200("# Meeting with Olivia\n\n> A booking link of calapp"),
    )
    @blp.response(200, description="Markdown (text/markdown; charset=utf-8)")
    @blp.errors(404, 429)
    def get(self, token):
        """Describe a booking link for language models (llms.txt)

        Markdown for an agent booking on someone's behalf without an account: the
        link's title, duration, time zone, working hours and next free slots, and
        how to read slots, hold one and reserve it with an Idempotency-Key.
        404 for an unknown or inactive link.
        """
        link = service.public_link(token)
        now = users_service.now()
        found = service.offered(link, now, now + NEXT_SLOTS_WITHIN, now)
        text = builder.link_text(
            link,
            _link_paths(token),
            next_slots=found[:NEXT_SLOTS],
            hold_minutes=current_app.config.get(
                "BOOKING_HOLD_MINUTES", holds.DEFAULT_HOLD_MINUTES
            ),
            max_window_days=service.MAX_AVAILABILITY_WINDOW.days,
        )
        return _markdown(text)


def _link_paths(token: str) -> builder.LinkPaths:
    """The link's URLs from the URL map; ``{booking_id}`` stays a placeholder."""
    base = _base_url()
    placeholder = "00000000-0000-0000-0000-000000000000"

    def url(endpoint: str, **values) -> str:
        path = url_for(endpoint, token=token, **values)
        return base + path.replace(placeholder, "{booking_id}")

    return builder.LinkPaths(
        page=url("booking_page.BookingPageView"),
        availability=url("booking.AvailabilityView"),
        explain=url("booking.ExplainView"),
        holds=url("booking.HoldsView"),
        reserve=url("booking.ReserveView"),
        booking=url("booking.VisitorBookingView", booking_id=placeholder),
        cancel=url("booking.CancelView", booking_id=placeholder),
        reschedule=url("booking.RescheduleView", booking_id=placeholder),
        openapi=base + url_for("api-docs.openapi_json"),
    )

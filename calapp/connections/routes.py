from flask import current_app
from flask.views import MethodView

from calapp.api import Blueprint, PageArgsSchema, current_principal, page_of
from calapp.connections import service, sync, tasks
from calapp.connections.schemas import (
    ConnectionCreateSchema,
    ConnectionSchema,
    ConnectionUpdateSchema,
    SyncArgsSchema,
)
from calapp.extensions import db
from calapp.users.service import now

blp = Blueprint(
    "connections",
    __name__,
    url_prefix="/connections",
    description="Your other calendars: CalDAV accounts (iCloud, Fastmail, "
    "Nextcloud, Radicale... with an app password) and ICS subscriptions. Each "
    "remote calendar is mirrored into a read-only calendar of yours (`source`); "
    "those chosen as busy block time in free/busy, slot finding and booking "
    "links. The job consumer syncs each connection every "
    "`sync_interval_minutes` (15 by default); `POST /connections/{id}/sync` "
    "syncs at once (200), or with `wait=false` queues the sync and answers 202 "
    "(poll until `sync_requested_at` is null). Scopes: `calendars:read` / "
    "`calendars:write`.",
)


def settings() -> dict:
    return service.settings(current_app.config)


@blp.route("")
class ConnectionsView(MethodView):
    @blp.doc(operationId="listConnections")
    @blp.auth_required("calendars:read")
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_of(ConnectionSchema))
    def get(self, args):
        """List your calendar connections

        Your CalDAV accounts and ICS subscriptions with their health and calendars.
        """
        items, cursor = service.list_page(
            current_principal(), limit=args["limit"], cursor=args["cursor"]
        )
        return {"items": items, "next_cursor": cursor}

    @blp.doc(operationId="createConnection")
    @blp.auth_required("calendars:write")
    @blp.arguments(ConnectionCreateSchema)
    @blp.response(201, ConnectionSchema)
    @blp.errors(400, 503)
    def post(self, data):
        """Connect a CalDAV account or subscribe to an ICS feed

        A CalDAV account is checked at once (its calendars are discovered); the
        first sync follows within a minute, or at once with the sync operation.
        """
        connection = service.create(current_principal(), data, now(), settings())
        db.session.commit()
        return connection


@blp.route("/<uuid:connection_id>")
class ConnectionByIdView(MethodView):
    @blp.doc(operationId="getConnection")
    @blp.auth_required("calendars:read")
    @blp.response(200, ConnectionSchema)
    @blp.errors(400, 404)
    def get(self, connection_id):
        """Get a calendar connection

        One of your connections: its state, last sync, last error and calendars.
        """
        return service.view(service.get(current_principal(), connection_id))

    @blp.doc(operationId="updateConnection")
    @blp.auth_required("calendars:write")
    @blp.arguments(ConnectionUpdateSchema)
    @blp.response(200, ConnectionSchema)
    @blp.errors(400, 404, 503)
    def put(self, data, connection_id):
        """Change a connection: name, credentials, which calendars count

        New credentials are checked against the server at once; each remote
        calendar can count as busy, be shown, both or neither.
        """
        connection = service.update(
            current_principal(), connection_id, data, now(), settings()
        )
        db.session.commit()
        return connection

    @blp.doc(operationId="deleteConnection")
    @blp.auth_required("calendars:write")
    @blp.response(204)
    @blp.errors(400, 404)
    def delete(self, connection_id):
        """Disconnect: forget the password and remove the mirrored calendars

        The stored password is erased and the read-only calendars with their
        events disappear; the remote calendars are untouched.
        """
        service.delete(current_principal(), connection_id, now())
        db.session.commit()


@blp.route("/<uuid:connection_id>/sync")
class ConnectionSyncView(MethodView):
    @blp.doc(operationId="syncConnection")
    @blp.auth_required("calendars:write")
    @blp.arguments(SyncArgsSchema, location="query")
    @blp.response(200, ConnectionSchema)
    @blp.alt_response(
        202,
        schema=ConnectionSchema,
        description="`wait=false`: the sync is queued; `sync_requested_at` is set "
        "until it has run",
    )
    @blp.errors(400, 404, 409)
    def post(self, args, connection_id):
        """Sync a connection now

        By default fetches what changed on the other side before answering; the
        answer's last_synced_at and last_error tell how it went (409 while a sync
        runs). With `wait=false` the job consumer syncs it and the answer is
        202 at once: poll the connection until `sync_requested_at` is null.
        """
        if not args["wait"]:
            connection = service.request_sync(current_principal(), connection_id, now())
            db.session.commit()
            tasks.enqueue(connection.id)
            return connection, 202
        service.get(current_principal(), connection_id)
        connection = sync.run(connection_id, now(), settings())
        db.session.commit()
        return service.view(connection)

from flask.views import MethodView

from calapp.api import Blueprint
from calapp.extensions import limiter
from calapp.health import service
from calapp.health.schemas import HealthSchema, ReadySchema

blp = Blueprint("health", __name__, description="Liveness and readiness probes")
# Probes must answer even when Redis (the rate-limit storage) is down.
limiter.exempt(blp)


@blp.route("/health")
class HealthView(MethodView):
    @blp.response(200, HealthSchema)
    def get(self):
        """Report that the process is alive (no I/O)"""
        return {"status": "ok"}


@blp.route("/ready")
class ReadyView(MethodView):
    @blp.response(200, ReadySchema)
    @blp.errors(503)
    def get(self):
        """Report whether PostgreSQL (and Redis, when configured) answer"""
        return service.check_ready()

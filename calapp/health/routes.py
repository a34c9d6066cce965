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
    @blp.doc(operationId="getHealth")
    @blp.response(200, HealthSchema)
    def get(self):
        """Report that the process is alive (no I/O)

        Liveness probe for load balancers and orchestrators: answers 200 as long as the
        process serves requests.
        """
        return {"status": "ok"}


@blp.route("/ready")
class ReadyView(MethodView):
    @blp.doc(operationId="getReadiness")
    @blp.response(200, ReadySchema)
    @blp.errors(503)
    def get(self):
        """Report whether PostgreSQL (and Redis, when configured) answer

        Readiness probe: 200 when the database (and Redis when configured) answer, else
        503, so traffic goes elsewhere meanwhile.
        """
        return service.check_ready()

"""Process entry point: the API and the Kafka consumers of the analytics service."""

from __future__ import annotations

from fastapi import FastAPI

from cartera_analytics.alerts import api as alerts_api
from cartera_analytics.billing import api as billing_api
from cartera_analytics.consumers import consumers
from cartera_analytics.exports import api as exports_api
from cartera_analytics.forecast import api as forecast_api
from cartera_analytics.modelo347 import api as modelo347_api
from cartera_analytics.models import SCHEMA, client_replicas, inbox
from cartera_analytics.payments import api as payments_api
from cartera_analytics.risk import api as risk_api
from cartera_analytics.satisfaction import api as satisfaction_api
from cartera_analytics.tax import api as tax_api
from cartera_shared.app_factory import create_service_app
from cartera_shared.events import topics
from cartera_shared.replicas import client_replica_router
from cartera_shared.server import serve
from cartera_shared.settings import ServiceSettings

NAME = "analytics"
DEFAULT_PORT = 8105


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    return create_service_app(
        name=NAME,
        schema=SCHEMA,
        settings=settings or ServiceSettings(),
        routers=[
            billing_api.router,
            payments_api.router,
            risk_api.router,
            forecast_api.router,
            satisfaction_api.router,
            modelo347_api.router,
            tax_api.router,
            exports_api.router,
            alerts_api.router,
            client_replica_router(client_replicas),
        ],
        produces=(topics.ALERT_RAISED,),
        inbox=inbox,
        consumers=consumers(),
        description=(
            "Read models: billing share, concentration, evolution, clients gained and lost, "
            "payment behaviour, cash forecast, satisfaction, clients at risk, late-payment risk, "
            "Modelo 347, the quarter's tax figures, the accounting export, alerts."
        ),
    )


def run() -> None:
    serve(create_app(), DEFAULT_PORT)


if __name__ == "__main__":
    run()

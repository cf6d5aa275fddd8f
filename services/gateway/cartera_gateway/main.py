"""Process entry point of the gateway: the only door, on 127.0.0.1:8000 by default."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware import Middleware

from cartera_gateway import docs, mail, proxy, webapp
from cartera_gateway.admin import api as admin
from cartera_gateway.api_keys import api as api_keys
from cartera_gateway.auth import ApiKeyCache, ModeHeader, metrics_guard
from cartera_gateway.body_guard import BodyGuard
from cartera_gateway.desk import api as desk
from cartera_gateway.members import api as members
from cartera_gateway.models import SCHEMA, inbox
from cartera_gateway.people import api as people
from cartera_gateway.ratelimit import RateLimits
from cartera_gateway.routes import RouteTable
from cartera_gateway.settings import GatewaySettings
from cartera_gateway.webhooks import api as webhooks
from cartera_gateway.webhooks import delivery as webhook_delivery
from cartera_gateway.webhooks import service as webhook_service
from cartera_shared.app_factory import create_service_app
from cartera_shared.events import topics
from cartera_shared.server import serve

NAME = "gateway"
DEFAULT_PORT = 8000


def create_app(
    settings: GatewaySettings | None = None, routes: RouteTable | None = None
) -> FastAPI:
    settings = settings or GatewaySettings()
    routes = routes or RouteTable.load()
    forwarding = proxy.Forwarding(
        client=proxy.upstream_pool(settings.upstream_timeout_seconds),
        upstreams=settings.upstreams(),
        routes=routes,
        max_body_bytes=settings.max_body_bytes,
        internal_keys=settings.internal_keys(),
    )
    app = create_service_app(
        name=NAME,
        schema=SCHEMA,
        settings=settings,
        # Order matters: the catch-all proxy routes come last.
        routers=[
            admin.router,
            docs.router,
            people.router,
            members.router,
            desk.router,
            api_keys.router,
            webhooks.router,
            webapp.router,
            proxy.router,
        ],
        produces=(topics.TENANT_CREATED,),
        inbox=inbox,
        consumers=webhook_service.consumers(),
        jobs=[webhook_delivery.delivery_job()],
        parts=[
            forwarding,
            webhook_service.SubscribedTenants(ttl_seconds=1.0),
            ApiKeyCache(ttl_seconds=settings.api_key_cache_seconds),
            RateLimits(
                redis_url=settings.redis_url,
                per_tenant=settings.rate_limit_per_tenant,
                per_credential=settings.rate_limit_per_credential,
                sign_in=settings.sign_in_limit,
                inbound=settings.inbound_rate_limit,
                inbound_address=settings.inbound_address_rate_limit,
            ),
            webhook_delivery.DeliveryPolicy(
                allow_private=settings.webhooks_allow_private,
                base_backoff_seconds=settings.webhook_backoff_seconds,
                max_attempts=settings.webhook_max_attempts,
                disable_after_failures=settings.webhook_disable_after,
                poll_seconds=settings.webhook_poll_seconds,
                data_keys=settings.data_keys(),
            ),
            mail.SmtpSettings(
                host=settings.smtp_host,
                port=settings.smtp_port,
                sender=settings.smtp_from,
                username=settings.smtp_username,
                password=settings.smtp_password.get_secret_value()
                if settings.smtp_password
                else None,
                starttls=settings.smtp_starttls,
            ),
        ],
        description="The only door for SaaS customers' people and partners' systems.",
        metrics_guard=metrics_guard(
            settings.metrics_token.get_secret_value() if settings.metrics_token else None
        ),
    )
    # Innermost of the middlewares, so its 413 and 408 answers are logged and counted too.
    app.user_middleware.append(
        Middleware(
            BodyGuard,
            max_body_bytes=settings.max_body_bytes,
            proxied=routes.resources | proxy.PUBLIC_RESOURCES,
            timeout_seconds=settings.body_timeout_seconds,
            min_bytes_per_second=settings.body_min_bytes_per_second,
        )
    )
    app.user_middleware.append(Middleware(ModeHeader))
    return app


def run() -> None:
    serve(create_app(), DEFAULT_PORT)


if __name__ == "__main__":
    run()

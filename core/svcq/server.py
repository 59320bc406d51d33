"""Assemble and run the gRPC server: services, health, reflection, graceful shutdown.

:func:`build_app` wires config -> database -> domain services -> servicers
once; :class:`Server` owns the grpc server's lifetime. Tests start the same
``Server`` on a free port, so what they exercise is what ships.
"""

from __future__ import annotations

import os
import secrets
import signal
import threading
from collections.abc import Callable
from concurrent import futures
from dataclasses import dataclass
from types import FrameType, ModuleType
from typing import Any

import grpc
import structlog
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from svcq.api.admin import AdminServicer, add_plugin_services
from svcq.api.directory import DirectoryServicer
from svcq.api.evaluations import EvaluationServicer
from svcq.api.interceptor import Guard, ServerInterceptor
from svcq.api.owners import OwnerServicer
from svcq.api.tickets import TicketServicer
from svcq.clock import Clock, SystemClock
from svcq.config import Config, ConfigError, SecurityConfig
from svcq.domain.admin import AdminService, HostSettings, PluginSource, build_plugin_host
from svcq.domain.common import ServiceContext
from svcq.domain.directory import DirectoryService
from svcq.domain.evaluations.service import EvaluationService, start_evaluations
from svcq.domain.owners import OwnerRecord, OwnerService
from svcq.domain.paging import PageTokens
from svcq.domain.tickets.scheduler import TicketScheduler
from svcq.domain.tickets.service import TicketService, start_tickets
from svcq.errors import InvalidArgument
from svcq.plugins.core_access import CoreAccess
from svcq.security.tokens import TokenCache
from svcq.storage.db import close_database, database, open_database, write_transaction
from svcq.storage.migrate import migrate
from svcq.storage.system import Meta
from svcq.v1 import (
    admin_pb2,
    admin_pb2_grpc,
    directory_pb2,
    directory_pb2_grpc,
    evaluation_pb2,
    evaluation_pb2_grpc,
    owner_pb2,
    owner_pb2_grpc,
    ticket_pb2,
    ticket_pb2_grpc,
)

log = structlog.get_logger("svcq.server")


class StartupError(Exception):
    """The server cannot start; the message is the one line an operator needs."""


def _page_token_secret(config: Config) -> bytes:
    """The configured secret, or one generated once and shared by every replica."""
    if config.server.page_token_secret:
        return config.server.page_token_secret.encode()
    with database.connection_context(), write_transaction():
        row = Meta.get_or_none(Meta.key == "page_token_secret")
        if row is None:
            row = Meta.create(key="page_token_secret", value=secrets.token_hex(32))
    return bytes.fromhex(row.value)


@dataclass
class App:
    """The domain services of one running server."""

    config: Config
    ctx: ServiceContext
    directory: DirectoryService
    owners: OwnerService
    admin: AdminService
    tickets: TicketService
    evaluations: EvaluationService


def build_app(config: Config, clock: Clock | None = None,
              plugins: PluginSource | None = None) -> App:
    """Open and migrate the database, then build the domain services on it."""
    db = open_database(config.database.url, busy_timeout_ms=config.database.busy_timeout_ms,
                       max_connections=config.database.max_connections)
    applied = migrate(db)
    if applied:
        log.info("migrated", applied=applied)
    clock = clock or SystemClock()
    hooks = build_plugin_host(config, clock, db, plugins)
    ctx = ServiceContext(page_tokens=PageTokens(_page_token_secret(config)), clock=clock,
                         hooks=hooks)
    directory = DirectoryService(ctx)

    def owner_plugin_data(owner: OwnerRecord) -> dict[str, dict[str, Any]]:
        data, failures = hooks.collect("svcq_owner_plugin_data", ctx.scope(owner.community_id),
                                       owner=owner)
        for failure in failures:
            ctx.reaction_failed(failure, ctx.scope(owner.community_id))
        return {plugin: value for plugin, value in data.items() if value is not None}

    tickets = start_tickets(ctx, directory, config.tickets)
    try:
        evaluations = start_evaluations(ctx, directory, config.evaluations, tickets=tickets)
    except InvalidArgument as exc:
        raise ConfigError.of(exc.violations) from None
    app = App(config=config, ctx=ctx, directory=directory, tickets=tickets,
              owners=OwnerService(ctx, directory, plugin_data=owner_plugin_data),
              admin=AdminService(ctx, config, settings=HostSettings(
                  job_interval_seconds=config.server.job_interval_seconds)),
              evaluations=evaluations)
    hooks.core_factory = lambda community_id: CoreAccess(app, community_id)
    return app


@dataclass(frozen=True)
class ServiceBinding:
    """One gRPC service: its full name (for health and reflection) and how to add it."""

    name: str
    add: Callable[[grpc.Server], None]


def _full_name(module: ModuleType, service: str) -> str:
    return module.DESCRIPTOR.services_by_name[service].full_name


def core_services(app: App) -> list[ServiceBinding]:
    """Every core service; each line wires a servicer to its domain service."""
    return [
        ServiceBinding(_full_name(directory_pb2, "DirectoryService"), lambda s: (
            directory_pb2_grpc.add_DirectoryServiceServicer_to_server(
                DirectoryServicer(app.directory), s))),
        ServiceBinding(_full_name(owner_pb2, "OwnerService"), lambda s: (
            owner_pb2_grpc.add_OwnerServiceServicer_to_server(OwnerServicer(app.owners), s))),
        ServiceBinding(_full_name(admin_pb2, "AdminService"), lambda s: (
            admin_pb2_grpc.add_AdminServiceServicer_to_server(AdminServicer(app.admin), s))),
        ServiceBinding(_full_name(ticket_pb2, "TicketService"), lambda s: (
            ticket_pb2_grpc.add_TicketServiceServicer_to_server(TicketServicer(app.tickets), s))),
        ServiceBinding(_full_name(evaluation_pb2, "EvaluationService"), lambda s: (
            evaluation_pb2_grpc.add_EvaluationServiceServicer_to_server(
                EvaluationServicer(app.evaluations), s))),
    ]


def server_credentials(security: SecurityConfig) -> grpc.ServerCredentials | None:
    """TLS (and with a client CA, mutual TLS) from the configured PEM files; None: plaintext."""
    if not security.tls_cert_file:
        return None
    try:
        with open(security.tls_cert_file, "rb") as cert, open(security.tls_key_file, "rb") as key:
            pair = (key.read(), cert.read())
        ca = None
        if security.tls_client_ca_file:
            with open(security.tls_client_ca_file, "rb") as file:
                ca = file.read()
    except OSError as exc:
        raise StartupError(f"cannot read TLS file {exc.filename}: {exc.strerror}") from None
    return grpc.ssl_server_credentials([pair], root_certificates=ca,
                                       require_client_auth=ca is not None)


class Server:
    def __init__(self, app: App) -> None:
        self.app = app
        cfg = app.config.server
        options = [
            ("grpc.max_receive_message_length", cfg.max_message_bytes),
            ("grpc.max_send_message_length", cfg.max_message_bytes),
            ("grpc.so_reuseport", 0),
        ]
        self._grpc = grpc.server(
            futures.ThreadPoolExecutor(max_workers=cfg.workers, thread_name_prefix="rpc"),
            interceptors=[ServerInterceptor(
                Guard(demo=app.config.security.demo, clock=app.ctx.clock,
                      tokens=TokenCache(app.config.security.token_cache_seconds)))],
            options=options,
            maximum_concurrent_rpcs=cfg.max_concurrent_rpcs,
        )
        self.health = health.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self._grpc)
        self.service_names = []
        for binding in core_services(app):
            binding.add(self._grpc)
            self.service_names.append(binding.name)
        self.service_names += add_plugin_services(self._grpc, app.admin)
        reflection.enable_server_reflection(
            [*self.service_names, health.SERVICE_NAME, reflection.SERVICE_NAME], self._grpc)
        self.port = 0
        self._stopped = threading.Event()
        self._jobs = threading.Thread(target=self._run_jobs, name="jobs", daemon=True)
        self._ticket_jobs = TicketScheduler(app.tickets)

    def start(self, address: str | None = None) -> int:
        """Bind and start; returns the bound port (useful with port 0)."""
        address = address or self.app.config.server.address
        security = self.app.config.security
        credentials = server_credentials(security)
        try:
            self.port = (self._grpc.add_secure_port(address, credentials) if credentials
                         else self._grpc.add_insecure_port(address))
        except RuntimeError:
            self.port = 0
        if self.port == 0:
            raise StartupError(f"cannot listen on {address}: address in use or not available")
        self._grpc.start()
        for name in ["", *self.service_names]:
            self.health.set(name, health_pb2.HealthCheckResponse.SERVING)
        self._jobs.start()
        self._ticket_jobs.start()
        log.info("serving", address=address, port=self.port, pid=os.getpid(),
                 database=self.app.config.database.url.split(":", 1)[0],
                 tls="mutual" if security.tls_client_ca_file else bool(credentials),
                 authentication="OFF (demo mode)" if security.demo else "API tokens")
        if security.demo:
            log.warning("DEMO MODE: NO AUTHENTICATION. Every caller may read and change "
                        "everything. Never run it like this with real residents' data.")
        return self.port

    def stop(self, grace: float | None = None) -> None:
        """Health NOT_SERVING first, so balancers drain us; then let in-flight RPCs finish."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        self.health.enter_graceful_shutdown()
        grace = self.app.config.server.grace_seconds if grace is None else grace
        self._grpc.stop(grace).wait()
        if self._jobs.is_alive():
            self._jobs.join()
        self._ticket_jobs.stop()
        close_database()
        log.info("stopped")

    def _run_jobs(self) -> None:
        """Plugins' periodic jobs, one pass per interval until stop (see AdminService)."""
        interval = self.app.admin.settings.job_interval_seconds
        while not self._stopped.wait(interval):
            try:
                with database.connection_context():
                    self.app.admin.run_due_jobs()
            except Exception:
                log.exception("jobs_pass_failed")

    def reload(self) -> None:
        """Apply the config file's plugin sections now (SIGHUP); a bad file changes nothing."""
        try:
            with database.connection_context():
                self.app.admin.reload_config()
        except Exception as exc:
            log.error("config_reload_refused", error=str(exc))

    def serve_forever(self) -> None:
        """Block until SIGTERM or SIGINT, then stop gracefully; SIGHUP reloads the config."""
        stop, reload = threading.Event(), threading.Event()

        def on_signal(signum: int, frame: FrameType | None) -> None:
            log.info("signal", signal=signal.Signals(signum).name)
            stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGHUP, lambda signum, frame: reload.set())
        while not stop.wait(0.5):
            if reload.is_set():
                reload.clear()
                self.reload()
        self.stop()

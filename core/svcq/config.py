"""svcq.toml: one validated, immutable configuration for the whole server.

Precedence is flags > environment > file > defaults. Environment overrides
use ``SVCQ_<SECTION>__<KEY>`` (e.g. ``SVCQ_DATABASE__URL``), so containers can
change one value without shipping a file. Every problem is reported with the
dotted key that caused it, because the person reading the message is an admin
editing a file, not a developer reading a traceback.

Sections that belong to a domain (``[tickets]``, ``[evaluations]``) or to
plugins (``[plugins.<name>]``) are kept raw here and validated by their owners
at start-up, so the core config does not need to know every setting.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from svcq.errors import FieldViolation, Violations
from svcq.sections import LENIENT, Table, one_of, read_dataclass, reads

ENV_PREFIX = "SVCQ_"
CONFIG_ENV = "SVCQ_CONFIG"


class ConfigError(Exception):
    """A configuration problem; ``problems`` lists each as ``key: message``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))

    @classmethod
    def of(cls, violations: Iterable[FieldViolation]) -> ConfigError:
        """The problems a section reader collected, as ``key: message`` lines."""
        return cls([f"{v.field}: {v.description}" for v in violations])


@dataclass(frozen=True)
class ServerConfig:
    #: host:port to listen on.
    address: str = "127.0.0.1:50051"
    #: Worker threads serving RPCs; measured best on 2 cores (docs/performance.md).
    workers: int = 4
    #: Seconds in-flight RPCs get to finish on SIGTERM/SIGINT.
    grace_seconds: float = 10.0
    #: Largest request or response message in bytes.
    max_message_bytes: int = 4 * 1024 * 1024
    #: RPCs served at once; beyond it the server answers RESOURCE_EXHAUSTED.
    max_concurrent_rpcs: int = 64
    #: Secret that signs page tokens; empty means one generated and kept in the database.
    page_token_secret: str = ""
    #: Seconds between two passes of the plugins' periodic-job scheduler.
    job_interval_seconds: float = 60.0


@dataclass(frozen=True)
class DatabaseConfig:
    #: sqlite:///path/to/file.db (default) or postgresql://user@host:port/db.
    url: str = "sqlite:///svcq.db"
    #: How long a SQLite writer waits for the lock before giving up.
    busy_timeout_ms: int = 5000
    #: Largest number of pooled connections.
    max_connections: int = 32


@dataclass(frozen=True)
class LoggingConfig:
    #: DEBUG, INFO, WARNING or ERROR.
    level: str = field(default="INFO", metadata=reads(one_of(["DEBUG", "ERROR", "INFO",
                                                                 "WARNING"])))
    #: auto (JSON unless on a terminal), json or console.
    format: str = field(default="auto", metadata=reads(one_of(["auto", "console", "json"])))
    #: The server writes INFO and DEBUG lines in batches, at most this often (WARNING and
    #: above at once); 0 writes every line as it comes. A SIGKILL loses at most this much.
    batch_ms: int = 200


@dataclass(frozen=True)
class SecurityConfig:
    #: Let every call in without credentials (and say so loudly): demos and local trials only.
    demo: bool = False
    #: PEM certificate chain of the server; with tls_key_file, the server speaks TLS only.
    tls_cert_file: str = ""
    #: PEM private key of that certificate.
    tls_key_file: str = ""
    #: PEM CA bundle; when set, clients must present a certificate it signed (mutual TLS).
    tls_client_ca_file: str = ""
    #: Lifetime of a new API token when its creator names none.
    token_default_days: int = 90
    #: Longest lifetime a token may be given.
    token_max_days: int = 730
    #: Seconds an accepted token is trusted without reading its row again (0: every call
    #: reads it); how late a revocation made on another replica can take effect here.
    token_cache_seconds: float = 5.0


@dataclass(frozen=True)
class Config:
    server: ServerConfig = field(default_factory=ServerConfig)
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    logging: LoggingConfig = field(default_factory=LoggingConfig)
    security: SecurityConfig = field(default_factory=SecurityConfig)
    #: Raw ``[tickets]`` section, validated by svcq.domain.tickets.
    tickets: Mapping[str, Any] = field(default_factory=dict)
    #: Raw ``[evaluations]`` section, validated by svcq.domain.evaluations.
    evaluations: Mapping[str, Any] = field(default_factory=dict)
    #: Raw ``[plugins]`` section, validated by svcq.plugins.config.
    plugins: Mapping[str, Any] = field(default_factory=dict)
    #: Raw ``[conflicts]`` section: which plugin wins where two conflict.
    conflicts: Mapping[str, Any] = field(default_factory=dict)
    #: File the config was read from, if any.
    source: str = ""


def _validate(config: Config) -> None:
    problems = []
    host, sep, port = config.server.address.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        problems.append(f"server.address: expected HOST:PORT, got {config.server.address!r}")
    if config.server.workers < 1:
        problems.append("server.workers: must be at least 1")
    if config.server.max_concurrent_rpcs < 1:
        problems.append("server.max_concurrent_rpcs: must be at least 1")
    if config.server.max_message_bytes < 1024:
        problems.append("server.max_message_bytes: must be at least 1024")
    if config.server.job_interval_seconds <= 0:
        problems.append("server.job_interval_seconds: must be positive")
    if config.server.grace_seconds < 0:
        problems.append("server.grace_seconds: must not be negative")
    if not 0 <= config.logging.batch_ms <= 10_000:
        problems.append("logging.batch_ms: between 0 and 10000")
    scheme = config.database.url.split(":", 1)[0]
    if scheme not in {"sqlite", "postgresql", "postgres"}:
        problems.append(
            f"database.url: scheme must be sqlite or postgresql, got {config.database.url!r}"
        )
    sec = config.security
    if bool(sec.tls_cert_file) != bool(sec.tls_key_file):
        problems.append("security.tls_key_file: tls_cert_file and tls_key_file go together")
    if sec.tls_client_ca_file and not sec.tls_cert_file:
        problems.append("security.tls_client_ca_file: mutual TLS needs tls_cert_file and "
                        "tls_key_file too")
    if not 1 <= sec.token_default_days <= sec.token_max_days:
        problems.append("security.token_default_days: between 1 and token_max_days")
    if not 0 <= sec.token_cache_seconds <= 60:
        problems.append("security.token_cache_seconds: between 0 and 60 (0: no cache)")
    if problems:
        raise ConfigError(problems)


def _env_overrides(raw: dict[str, Any], environ: Mapping[str, str]) -> dict[str, Any]:
    merged = {k: dict(v) if isinstance(v, Mapping) else v for k, v in raw.items()}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX) or "__" not in name or name == CONFIG_ENV:
            continue
        section, _, key = name[len(ENV_PREFIX) :].lower().partition("__")
        if section in {"server", "database", "logging", "security"}:
            merged.setdefault(section, {})[key] = value
    return merged


def load_config(
    path: str | Path | None = None,
    *,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """Read, merge and validate the configuration; raises ConfigError.

    ``overrides`` are command-line flags, e.g. ``{"server": {"address": ...}}``.
    """
    environ = os.environ if environ is None else environ
    path = path or environ.get(CONFIG_ENV) or None
    raw: dict[str, Any] = {}
    if path is not None:
        try:
            raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError([f"{path}: config file not found"]) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError([f"{path}: not valid TOML: {exc}"]) from None
    raw = _env_overrides(raw, environ)
    for section, values in (overrides or {}).items():
        raw.setdefault(section, {}).update({k: v for k, v in values.items() if v is not None})
    known = {f.name for f in dataclasses.fields(Config)} - {"source"}
    problems = Violations()
    for name in raw:
        if name not in known:
            problems.add(name, "unknown section")
    sections: dict[str, Any] = {}
    for name, cls in (("server", ServerConfig), ("database", DatabaseConfig),
                      ("logging", LoggingConfig), ("security", SecurityConfig)):
        sections[name] = read_dataclass(cls, Table(raw.get(name, {}), name, problems), LENIENT)
    for name in ("tickets", "evaluations", "plugins", "conflicts"):
        # Kept raw: their owners validate them (see the module docstring).
        sections[name] = Table(raw.get(name, {}), name, problems).data
    if problems:
        raise ConfigError.of(problems.items)
    config = Config(**sections, source=str(path or ""))
    _validate(config)
    return config

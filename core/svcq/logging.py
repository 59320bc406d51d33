"""Structured logging for svcq: one configuration, and no personal data in clear.

Everything that logs (our structlog loggers, grpc, peewee, plugins using the
stdlib ``logging``) ends in one stdlib handler whose
:class:`structlog.stdlib.ProcessorFormatter` renders exceptions, masks
personal data and renders the line. Masking lives in that one place so no
source can bypass it, and because the structlog side of the chain never
changes, calling :func:`configure_logging` again (tests, a CLI flag) only
swaps the handler. (Other handlers, such as pytest's caplog, see structlog
events before masking; only peewee's parameters are removed at the source.)

Request context is bound by the RPC layer with
``structlog.contextvars.bound_contextvars(method=..., request_id=...)``; it is
merged into every line logged while the request runs, stdlib ones included.
"""

from __future__ import annotations

import json as jsonlib
import logging
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TextIO

import structlog
from structlog.processors import ExceptionRenderer
from structlog.tracebacks import ExceptionDictTransformer
from structlog.typing import EventDict, Processor, WrappedLogger

from svcq.masking import mask_personal, scrub_exception, scrub_text

#: Event keys whose values are always personal, whatever they look like. Keys
#: are matched exactly (case-insensitively): a suffix rule would also mask
#: ``method_name`` or ``plugin_name``, which operators need to read.
DEFAULT_PERSONAL_KEYS: frozenset[str] = frozenset(
    {
        "name", "names", "owner_name", "resident_name", "full_name", "aliases", "alias",
        "display_name", "other_names",
        "contact", "contact_name", "contact_phone", "contacts",
        "phone", "phones", "mobile", "telephone", "tel",
        "plate", "plates", "car_plate", "license_plate", "plate_number",
    }
)  # fmt: skip

#: The key under which both exception renderers put the rendered traceback.
_EXCEPTION_KEY = "exception"
#: Keys the pipeline itself writes: nothing personal can be in them, and the
#: masker runs on every line, so it does not spend time scrubbing them.
_PIPELINE_KEYS = frozenset({"timestamp", "level", "logger"})

#: Context every line gets, whether it was logged through structlog or stdlib.
_COMMON: tuple[Processor, ...] = (
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
)


class PersonalDataMasker:
    """Processor: mask values under personal keys, scrub every other string.

    Runs after exception rendering, so the traceback text (whose message may
    quote a phone, e.g. an IntegrityError) is scrubbed like everything else.
    Numbers that look like phones are masked; objects of other types are
    logged as their ``str`` and scrubbed too, since a model's repr can carry
    anything.
    """

    def __init__(self, personal_keys: Iterable[str] = DEFAULT_PERSONAL_KEYS) -> None:
        self.personal_keys = frozenset(key.lower() for key in personal_keys)

    def __call__(self, _: WrappedLogger, __: str, event_dict: EventDict) -> EventDict:
        for key, value in event_dict.items():
            if key in _PIPELINE_KEYS:
                continue
            if key == _EXCEPTION_KEY:
                # Traceback dicts use keys such as ``name`` for frames: scrub
                # them, never mask them as personal.
                event_dict[key] = _mask(value, False, frozenset(), scrub_exception)
            else:
                keys = self.personal_keys
                event_dict[key] = _mask(value, _is_personal(key, keys), keys)
        return event_dict


def _is_personal(key: object, keys: frozenset[str]) -> bool:
    return isinstance(key, str) and key.lower() in keys


def _mask(value: object, personal: bool, keys: frozenset[str],
          scrub: Callable[[str], str] = scrub_text) -> Any:
    if isinstance(value, str):
        return mask_personal(value) if personal else scrub(value)
    if isinstance(value, Mapping):
        return {k: _mask(v, personal or _is_personal(k, keys), keys, scrub)
                for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_mask(item, personal, keys, scrub) for item in value]
    if value is None or isinstance(value, bool | float):
        return value
    if isinstance(value, int):
        # A phone stored as a number: masked, otherwise the int stays an int.
        text = str(value)
        masked = _mask(text, personal, keys, scrub)
        return value if masked == text else masked
    return _mask(str(value), personal, keys, scrub)


class PeeweeParamsFilter(logging.Filter):
    """Drop the parameters from peewee's ``(sql, params)`` DEBUG records.

    The SQL is parametrised, so it is safe and useful to keep; the parameters
    are residents' data. The filter sits on the ``peewee`` logger rather than
    our handler so no handler at all (a test's caplog included) sees them.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, tuple) and len(record.msg) == 2:
            sql, params = record.msg
            record.msg, record.args = "%s -- %d params", (sql, len(params or ()))
        return True


class _SvcqHandler(logging.StreamHandler[TextIO]):
    """The handler :func:`configure_logging` owns (replaced, never stacked, on reconfigure).

    With ``batch_seconds`` > 0, lines below WARNING are kept and written by a
    background thread at most that often, in one write. A server logs a line
    per RPC: writing and flushing each one costs a system call on the RPC's
    thread, which under load also hands the GIL to another thread and waits
    to get it back (measured: 12-15 % of CreateTicket throughput). WARNING
    and above are written at once, pending lines first, so the order holds and
    a problem is never waiting in memory when the process dies; what a SIGKILL
    can lose is at most ``batch_seconds`` of INFO/DEBUG lines.
    """

    def __init__(self, stream: TextIO, batch_seconds: float = 0.0) -> None:
        super().__init__(stream)
        self.batch_seconds = batch_seconds
        self._pending: deque[str] = deque()
        self._closing = threading.Event()
        self._writer: threading.Thread | None = None
        if batch_seconds > 0:
            self._writer = threading.Thread(target=self._write_batches, name="log-writer",
                                            daemon=True)
            self._writer.start()

    def emit(self, record: logging.LogRecord) -> None:
        if self._writer is None or self._closing.is_set():
            super().emit(record)
            return
        try:
            line = self.format(record) + self.terminator
        except Exception:
            self.handleError(record)
            return
        self._pending.append(line)  # deque.append is atomic: no lock on the RPC's thread
        if record.levelno >= logging.WARNING:
            self.flush()

    def flush(self) -> None:
        with self.lock:  # type: ignore[union-attr]  # created by Handler.__init__
            lines = []
            while self._pending:
                lines.append(self._pending.popleft())
            if lines:
                self.stream.write("".join(lines))
            super().flush()

    def _write_batches(self) -> None:
        while not self._closing.wait(self.batch_seconds):  # close() writes the rest
            try:
                self.flush()
            except Exception:  # a closed or broken stream: nothing left to write to
                return

    def close(self) -> None:
        self._closing.set()
        if self._writer is not None and self._writer is not threading.current_thread():
            self._writer.join(timeout=5)
        try:
            self.flush()
        finally:
            super().close()


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _level_number(level: str) -> int:
    try:
        return logging.getLevelNamesMapping()[level.upper()]
    except KeyError:
        raise ValueError(f"unknown log level {level!r}") from None


def _formatter(json: bool, colors: bool, personal_keys: Iterable[str]) -> logging.Formatter:
    if json:
        # show_locals=False: frame locals hold residents' data and would be
        # logged verbatim, beyond the reach of any scrubbing.
        render_exception = ExceptionRenderer(ExceptionDictTransformer(show_locals=False))
        renderer: Processor = structlog.processors.JSONRenderer(
            serializer=jsonlib.dumps, ensure_ascii=False
        )
    else:
        # The stdlib traceback format never shows locals.
        render_exception = structlog.processors.format_exc_info
        renderer = structlog.dev.ConsoleRenderer(colors=colors)
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_COMMON,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            render_exception,
            PersonalDataMasker(personal_keys),
            renderer,
        ],
    )


def flush_logs() -> None:
    """Write what the handler holds now: before a message printed outside logging
    (a start-up error) so it stays the last line, as operators read it."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, _SvcqHandler):
            handler.flush()


def configure_logging(
    level: str = "INFO",
    json: bool | None = None,
    stream: TextIO | None = None,
    *,
    personal_keys: Iterable[str] = DEFAULT_PERSONAL_KEYS,
    batch_seconds: float = 0.0,
) -> None:
    """Route structlog and stdlib logging through one masking handler.

    ``json=None`` picks the readable console renderer when ``stream`` (default
    stderr) is a terminal and JSON lines otherwise. ``batch_seconds`` > 0
    writes INFO and DEBUG lines in batches (see :class:`_SvcqHandler`); the
    server does, a test reading its stream at once does not. Safe to call
    repeatedly: the previous handler is replaced (and its lines written), never
    stacked.
    """
    level_number = _level_number(level)  # refuse a bad level before changing anything
    stream = stream if stream is not None else sys.stderr
    terminal = _is_terminal(stream)
    use_json = not terminal if json is None else json
    handler = _SvcqHandler(stream, batch_seconds)
    handler.setFormatter(_formatter(use_json, colors=terminal, personal_keys=personal_keys))

    # No renderer shows the caller's file, thread or process: skip collecting them
    # for every record (the logging HOWTO's "Optimization" section; a quarter of
    # the cost of a line).
    logging._srcfile = None  # type: ignore[attr-defined]
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False

    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _SvcqHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level_number)

    peewee_logger = logging.getLogger("peewee")
    if not any(isinstance(f, PeeweeParamsFilter) for f in peewee_logger.filters):
        peewee_logger.addFilter(PeeweeParamsFilter())

    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_COMMON,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        # Safe to cache: this chain is the same on every call, and structlog's
        # defaults do not cache, so a logger used before configuration
        # (a plugin logging at import) still follows it.
        cache_logger_on_first_use=True,
    )

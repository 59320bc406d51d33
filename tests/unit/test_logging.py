from __future__ import annotations

import io
import json
import logging
from datetime import UTC, datetime, timedelta

import peewee
import pytest
import structlog

from svcq.logging import PersonalDataMasker, configure_logging

# Canaries: none of these may ever appear in a log line, only their masked forms.
PHONE, PHONE_MASKED = "13912345678", "139****5678"
PLATE, PLATE_MASKED = "粤B12345", "粤B***45"
NAME, NAME_MASKED = "张三丰", "张**"
CANARIES = (PHONE, PLATE, NAME)


@pytest.fixture
def configured():
    """Configure into a buffer; restore the root logger and structlog afterwards."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level

    def configure(**kwargs) -> io.StringIO:
        buffer = kwargs.pop("stream", None) or io.StringIO()
        configure_logging(**{"level": "DEBUG", "json": True, "stream": buffer, **kwargs})
        return buffer

    yield configure
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    structlog.reset_defaults()


def assert_masked(text: str, *masked: str) -> None:
    for canary in CANARIES:
        assert canary not in text
    for form in masked:
        assert form in text


def lines(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


@pytest.mark.parametrize("use_json", [True, False])
def test_structlog_masks_personal_keys_and_scrubs_free_text(configured, use_json):
    out = configured(json=use_json)
    structlog.get_logger("svcq.test").info(
        f"owner {PHONE} moved in",
        owner_name=NAME,
        phones=[PHONE, int(PHONE)],
        owner={"aliases": ["李四"], "plates": [PLATE], "unit": "3-1201"},
        note=f"parks {PLATE}",
        callback=int(PHONE),
        unit=1201,
    )
    text = out.getvalue()
    assert_masked(text, PHONE_MASKED, PLATE_MASKED, NAME_MASKED, "李*", "3-1201")
    assert "李四" not in text
    if use_json:
        (line,) = lines(out)
        assert (line["callback"], line["unit"]) == (PHONE_MASKED, 1201)
        assert line["phones"] == [PHONE_MASKED, PHONE_MASKED]


def test_stdlib_loggers_are_scrubbed_and_share_the_context(configured):
    out = configured()
    method = "/svcq.v1.OwnerService/GetOwner"
    with structlog.contextvars.bound_contextvars(method=method, request_id="r1"):
        logging.getLogger("grpc._server").warning("peer %s plate %s", PHONE, PLATE)
        structlog.get_logger("svcq.api").info("rpc done")
    structlog.get_logger("svcq.api").info("after")

    grpc_line, rpc_line, after = lines(out)
    assert grpc_line["event"] == f"peer {PHONE_MASKED} plate {PLATE_MASKED}"
    assert grpc_line["logger"] == "grpc._server"
    assert grpc_line["level"] == "warning"
    for line in (grpc_line, rpc_line):
        assert (line["method"], line["request_id"]) == (method, "r1")
    assert "request_id" not in after


class Owner(peewee.Model):
    name = peewee.TextField()
    phone = peewee.TextField(unique=True)
    plate = peewee.TextField()


def test_peewee_sql_is_logged_without_parameters(configured, caplog):
    out = configured()
    db = peewee.SqliteDatabase(":memory:")
    with db.bind_ctx([Owner]), db:
        db.create_tables([Owner])
        Owner.create(name=NAME, phone=PHONE, plate=PLATE)
        Owner.get(Owner.phone == PHONE)

    events = [line["event"] for line in lines(out) if line["logger"] == "peewee"]
    assert any(e.startswith('INSERT INTO "owner"') and e.endswith("-- 3 params") for e in events)
    assert any(e.startswith("SELECT") and e.endswith("-- 3 params") for e in events)
    assert_masked(out.getvalue())
    # The filter sits on the logger, so no other handler sees the values either.
    assert_masked(caplog.text)


def register_owner(phone: str, plate: str, owner_name: str) -> None:
    resident = {"name": owner_name, "phone": phone, "plate": plate}  # a local, never logged
    raise peewee.IntegrityError(f"UNIQUE constraint failed: owner.phone = {resident['phone']}")


@pytest.mark.parametrize("use_json", [True, False])
def test_exceptions_are_scrubbed_and_never_show_locals(configured, use_json):
    out = configured(json=use_json)
    try:
        register_owner(PHONE, PLATE, NAME)
    except peewee.IntegrityError:
        structlog.get_logger("svcq.api").exception("create failed", owner_name=NAME)
        logging.getLogger("plugin.region").exception("hook failed")

    text = out.getvalue()
    # NAME is only in register_owner's locals (and under a personal key): it
    # would show unmasked if locals were rendered, as names are not scrubbable.
    assert_masked(text, f"owner.phone = {PHONE_MASKED}", NAME_MASKED)
    assert text.count("IntegrityError: UNIQUE" if not use_json else '"IntegrityError"') == 2
    if use_json:
        frames = [f for line in lines(out) for f in line["exception"][0]["frames"]]
        assert [f["name"] for f in frames][-1] == "register_owner"
        assert all("locals" not in f for f in frames)


def test_json_mode_writes_one_object_per_line_with_utc_iso_timestamp(configured):
    out = configured(level="DEBUG")
    before = datetime.now(UTC)
    structlog.get_logger().debug("first", n=1)
    logging.getLogger("grpc").info("second")

    parsed = lines(out)
    assert [p["event"] for p in parsed] == ["first", "second"]
    assert [p["level"] for p in parsed] == ["debug", "info"]
    for record in parsed:
        stamp = datetime.fromisoformat(record["timestamp"])
        assert stamp.utcoffset() == timedelta(0)
        assert timedelta(0) <= stamp - before < timedelta(seconds=5)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_renderer_follows_the_stream_when_not_forced(configured):
    tty = configured(json=None, stream=Terminal())
    structlog.get_logger().info("to a terminal")
    assert "to a terminal" in tty.getvalue()
    with pytest.raises(json.JSONDecodeError):
        json.loads(tty.getvalue())

    pipe = configured(json=None)
    structlog.get_logger().info("to a pipe")
    assert lines(pipe)[0]["event"] == "to a pipe"


def test_reconfiguring_replaces_the_handler_and_level(configured):
    first = configured()
    second = configured(level="INFO")
    structlog.get_logger().debug("hidden")
    structlog.get_logger().info("shown")

    assert first.getvalue() == ""
    assert [line["event"] for line in lines(second)] == ["shown"]


def test_a_logger_used_before_configuration_follows_it(configured, capsys):
    structlog.reset_defaults()
    log = structlog.get_logger("svcq.plugins")
    log.info("too early")  # structlog's defaults print it to stdout
    out = configured()
    log.info("loaded", phone=PHONE)

    assert "too early" in capsys.readouterr().out
    assert lines(out)[0]["phone"] == PHONE_MASKED


def test_unknown_level_is_refused_and_changes_nothing(configured):
    out = configured()
    with pytest.raises(ValueError, match="verbose"):
        configured(level="verbose")
    structlog.get_logger().debug("still here")
    assert lines(out)[0]["event"] == "still here"


def test_personal_keys_are_configurable(configured):
    out = configured(personal_keys={"guest"})
    structlog.get_logger().info("visit", guest="王五", name="front desk")
    (line,) = lines(out)
    assert (line["guest"], line["name"]) == ("王*", "front desk")


def test_masker_leaves_traceback_frame_names_alone():
    masker = PersonalDataMasker()
    event = {
        "event": "failed",
        "exception": [{"exc_value": f"dup {PHONE}", "frames": [{"name": "register_owner"}]}],
    }
    masked = masker(None, "error", event)
    assert masked["exception"] == [
        {"exc_value": f"dup {PHONE_MASKED}", "frames": [{"name": "register_owner"}]}
    ]


def _svcq_handler() -> logging.Handler:
    from svcq.logging import _SvcqHandler

    (handler,) = [h for h in logging.getLogger().handlers if isinstance(h, _SvcqHandler)]
    return handler


def test_batched_info_lines_wait_and_a_warning_writes_them_first_in_order(configured):
    out = configured(batch_seconds=60)  # only the writes this test causes
    log = structlog.get_logger("svcq.test")
    log.info("first", phone=PHONE)
    log.debug("second")
    assert out.getvalue() == ""  # held, masked already, not lost
    log.warning("third")
    assert [line["event"] for line in lines(out)] == ["first", "second", "third"]
    assert_masked(out.getvalue(), PHONE_MASKED)
    log.info("fourth")
    _svcq_handler().close()  # what logging.shutdown does at exit
    assert lines(out)[-1]["event"] == "fourth"


def test_batched_lines_reach_the_stream_within_the_batch_time(configured):
    import time

    out = configured(batch_seconds=0.05)
    structlog.get_logger("svcq.test").info("soon")
    give_up = time.monotonic() + 5
    while not out.getvalue() and time.monotonic() < give_up:
        time.sleep(0.01)
    assert [line["event"] for line in lines(out)] == ["soon"]
    _svcq_handler().close()


def test_reconfiguring_writes_the_old_handlers_pending_lines(configured):
    old = configured(batch_seconds=60)
    structlog.get_logger("svcq.test").info("before")
    new = configured()
    structlog.get_logger("svcq.test").info("after")
    assert [line["event"] for line in lines(old)] == ["before"]
    assert [line["event"] for line in lines(new)] == ["after"]

"""Tokens: shown once, stored hashed, expiring, revocable; none or a bad one: UNAUTHENTICATED."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from svcq.security.principal import Role
from svcq.security.tokens import TokenCache, hash_secret
from svcq.storage.db import database
from svcq.storage.security import ApiToken, AuditRecord
from svcq.storage.system import IdempotencyKey
from svcq.testing import make_token, token_channel
from svcq.v1 import admin_pb2 as apb
from svcq.v1 import admin_pb2_grpc, directory_pb2_grpc
from svcq.v1 import directory_pb2 as dpb
from tests.security.conftest import World, code_and_reason
from tests.support import details


def _admin(world: World) -> admin_pb2_grpc.AdminServiceStub:
    return admin_pb2_grpc.AdminServiceStub(world.admin)


def _create(world: World, **fields) -> apb.CreateApiTokenResponse:
    token = apb.ApiToken(name="lifecycle", role=apb.ROLE_STAFF,
                         scope_kind=apb.SCOPE_KIND_COMMUNITY, scope_id=world.places["A"].id)
    return _admin(world).CreateApiToken(apb.CreateApiTokenRequest(token=token, **fields))


def _regions(channel: grpc.Channel) -> tuple[grpc.StatusCode, str]:
    stub = directory_pb2_grpc.DirectoryServiceStub(channel)
    return code_and_reason(lambda: stub.ListRegions(dpb.ListRegionsRequest()))


def test_without_or_with_a_bad_token_every_rpc_is_unauthenticated(world: World):
    stub = directory_pb2_grpc.DirectoryServiceStub(world.server.channel)
    assert code_and_reason(lambda: stub.ListRegions(dpb.ListRegionsRequest())) == (
        grpc.StatusCode.UNAUTHENTICATED, "MISSING_TOKEN")
    for header in ("Bearer ", "Basic abc", "Bearer svcq.tk_x.y", "Bearer nonsense"):
        code, _ = code_and_reason(lambda h=header: stub.ListRegions(
            dpb.ListRegionsRequest(), metadata=[("authorization", h)]))
        assert code == grpc.StatusCode.UNAUTHENTICATED, header
    good = _create(world).secret
    tampered = good[:-2] + ("AA" if not good.endswith("AA") else "BB")
    with token_channel(world.server, tampered) as channel:
        assert _regions(channel) == (grpc.StatusCode.UNAUTHENTICATED, "INVALID_TOKEN")


def test_health_and_reflection_need_no_credentials(world: World):
    health = health_pb2_grpc.HealthStub(world.server.channel)
    answer = health.Check(health_pb2.HealthCheckRequest(service=""))
    assert answer.status == health_pb2.HealthCheckResponse.SERVING


def test_the_secret_is_shown_once_and_only_its_hash_is_stored(world: World):
    created = _create(world)
    secret = created.secret
    assert secret.startswith(f"svcq.{created.token.id}.") and len(secret) > 40
    with database.connection_context():
        row = ApiToken.get_by_id(created.token.id)
        assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
        stored = [r.changes for r in AuditRecord.select()] + [
            bytes(r.response).decode("latin-1") for r in IdempotencyKey.select()]
    assert not any(secret in text or row.secret_hash in text for text in stored)
    listed = _admin(world).ListApiTokens(apb.ListApiTokensRequest(page_size=500)).tokens
    assert created.token.id in [t.id for t in listed]
    assert all(secret not in str(t) for t in listed)
    with token_channel(world.server, secret) as channel:
        assert _regions(channel)[0] != grpc.StatusCode.UNAUTHENTICATED


def test_a_token_expires(world: World):
    created = _create(world, expire_days=1)
    expires = created.token.expire_time.ToDatetime(tzinfo=dt.UTC)
    assert expires - world.server.clock.now() == dt.timedelta(days=1)
    with token_channel(world.server, created.secret) as channel:
        assert _regions(channel)[0] == grpc.StatusCode.OK
        world.server.clock.advance(dt.timedelta(days=1, seconds=1))
        assert _regions(channel) == (grpc.StatusCode.UNAUTHENTICATED, "INVALID_TOKEN")
    active = _admin(world).ListApiTokens(apb.ListApiTokensRequest(page_size=500)).tokens
    everything = _admin(world).ListApiTokens(apb.ListApiTokensRequest(
        page_size=500, show_inactive=True)).tokens
    assert created.token.id not in [t.id for t in active]
    assert created.token.id in [t.id for t in everything]


def _cache_seconds(world: World) -> float:
    seconds = world.server.app.config.security.token_cache_seconds
    assert seconds > 0, "the world server must cache tokens for these tests to mean anything"
    return seconds


def test_a_revoked_token_stops_at_once_and_cannot_be_revoked_twice(world: World):
    """With the token cache on: a revocation through this server empties it at once."""
    _cache_seconds(world)
    created = _create(world)
    with token_channel(world.server, created.secret) as channel:
        assert _regions(channel)[0] == grpc.StatusCode.OK
        revoked = _admin(world).RevokeApiToken(apb.RevokeApiTokenRequest(id=created.token.id))
        assert revoked.token.HasField("revoke_time")
        assert _regions(channel) == (grpc.StatusCode.UNAUTHENTICATED, "INVALID_TOKEN")
    with pytest.raises(grpc.RpcError) as again:
        _admin(world).RevokeApiToken(apb.RevokeApiTokenRequest(id=created.token.id))
    assert again.value.code() == grpc.StatusCode.FAILED_PRECONDITION


def test_bad_token_requests_name_their_fields(world: World):
    with pytest.raises(grpc.RpcError) as bad:
        _admin(world).CreateApiToken(apb.CreateApiTokenRequest(
            token=apb.ApiToken(role=apb.ROLE_STAFF, scope_kind=apb.SCOPE_KIND_REGION,
                               scope_id=world.places["A"].id), expire_days=100_000))
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(details(bad.value)[1]) == {"token.name", "token.scope_id", "expire_days"}


def _revoke_in_the_database(token_id: str, when: dt.datetime) -> None:
    """What a revocation on another replica (or the offline CLI) looks like from here."""
    with database.connection_context():
        ApiToken.update(revoke_time=when.replace(tzinfo=None)).where(
            ApiToken.id == token_id).execute()


def test_a_revoke_on_another_replica_takes_effect_within_the_cache_time(world: World):
    seconds = _cache_seconds(world)
    created = _create(world)
    clock = world.server.clock
    with token_channel(world.server, created.secret) as channel:
        assert _regions(channel)[0] == grpc.StatusCode.OK  # read, and cached
        _revoke_in_the_database(created.token.id, clock.now())
        clock.advance(seconds=seconds / 2)
        assert _regions(channel)[0] == grpc.StatusCode.OK  # within the bound: still trusted
        clock.advance(seconds=seconds / 2)
        assert _regions(channel) == (grpc.StatusCode.UNAUTHENTICATED, "INVALID_TOKEN")


def test_a_token_expiring_while_cached_is_refused_at_its_expiry(world: World):
    """Expiry is checked against the clock on a cache hit too, not only when the row is read."""
    seconds = _cache_seconds(world)
    created = _create(world, expire_days=1)
    clock = world.server.clock
    with token_channel(world.server, created.secret) as channel:
        clock.advance(dt.timedelta(days=1, seconds=-seconds / 2))
        assert _regions(channel)[0] == grpc.StatusCode.OK  # read, and cached
        clock.advance(seconds=seconds / 2)  # still well within the cache time
        assert _regions(channel) == (grpc.StatusCode.UNAUTHENTICATED, "INVALID_TOKEN")


def test_the_cache_is_keyed_by_hash_bounded_and_shared_by_threads(world: World):
    secrets = [make_token(world.server, "STAFF", "company", name=f"cache {n}") for n in range(3)]
    now = world.server.clock.now().astimezone(dt.UTC).replace(tzinfo=None)
    cache = TokenCache(5, size=2)
    errors: list[BaseException] = []

    def hammer(offset: int) -> None:
        try:
            with database.connection_context():
                for n in range(60):
                    secret = secrets[(n + offset) % 3]
                    principal = cache.authenticate(secret, now)
                    assert principal.id == f"token:{secret.split('.')[1]}"
                    assert principal.role is Role.STAFF
                    if n % 7 == 0:
                        cache.forget(hash_secret(secret))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=hammer, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert cache.held <= 2
    with database.connection_context():
        cache.authenticate(secrets[0], now)
    held = set(cache._entries)
    assert hash_secret(secrets[0]) in held
    assert not any(secret in key for key in held for secret in secrets)
    # 0 seconds: no cache at all, every call reads the row.
    off = TokenCache(0)
    with database.connection_context():
        off.authenticate(secrets[1], now)
    assert off.held == 0

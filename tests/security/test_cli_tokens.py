"""``svcq token create / list / revoke`` work offline against the database (the first token)."""

from __future__ import annotations

from pathlib import Path

import grpc
import pytest

from svcq.cli import main
from svcq.testing import start_server, token_channel
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import directory_pb2_grpc


def test_the_first_admin_token_is_made_offline_and_works(tmp_path: Path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["token", "create", "--database", url, "--name", "first admin",
                 "--role", "admin", "--scope", "company", "--expires", "7"]) == 0
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    assert secret.startswith("svcq.tk_")
    assert main(["token", "list", "--database", url]) == 0
    listing = capsys.readouterr().out
    assert "first admin" in listing and "active" in listing and secret not in listing

    running = start_server(url, auth=True)
    try:
        with token_channel(running, secret) as channel:
            stub = directory_pb2_grpc.DirectoryServiceStub(channel)
            region = stub.CreateRegion(dpb.CreateRegionRequest(
                region=dpb.Region(display_name="made with the CLI token"))).region
            assert region.id
            token_id = secret.split(".")[1]
            assert main(["token", "revoke", "--database", url, token_id]) == 0
            with pytest.raises(grpc.RpcError) as revoked:
                stub.ListRegions(dpb.ListRegionsRequest())
            assert revoked.value.code() == grpc.StatusCode.UNAUTHENTICATED
    finally:
        running.stop()


def test_bad_token_arguments_are_one_line_each(tmp_path: Path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["token", "create", "--database", url, "--name", "x", "--role", "janitor",
                 "--scope", "community:cm_nowhere"]) == 2
    err = capsys.readouterr().err
    assert "token.role" in err and "token.scope_id" in err

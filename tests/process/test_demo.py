"""`svcq serve --demo`: a newcomer's first look, with practices switched on in two regions."""

from __future__ import annotations

import signal
from pathlib import Path

import grpc

from svcq.v1 import admin_pb2, admin_pb2_grpc, directory_pb2_grpc, owner_pb2_grpc
from svcq.v1 import directory_pb2 as dpb
from svcq.v1 import owner_pb2 as opb
from tests.process.test_serve_process import free_port, serve, wait_serving


def test_demo_loads_a_company_and_switches_practices_on_per_community(tmp_path: Path):
    port = free_port()
    proc = serve("--demo", "--address", f"127.0.0.1:{port}", "--database",
                 f"sqlite:///{tmp_path / 'demo.db'}", cwd=tmp_path)
    try:
        channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        wait_serving(channel, timeout=60)
        directory = directory_pb2_grpc.DirectoryServiceStub(channel)
        owners = owner_pb2_grpc.OwnerServiceStub(channel)
        regions = directory.ListRegions(dpb.ListRegionsRequest()).regions
        communities = {c.display_name: c for c in directory.ListCommunities(
            dpb.ListCommunitiesRequest()).communities}
        assert len(regions) == 2 and len(communities) == 3
        total = sum(len(owners.ListOwners(opb.ListOwnersRequest(
            page_size=500, filter=f'community_id = "{c.id}"')).owners)
            for c in communities.values())
        assert 190 <= total <= 210
        staff = directory.ListStaff(dpb.ListStaffRequest(page_size=500)).staff
        assert {s.department for s in staff} == set(dpb.Department.values()) - {0}

        def plugin_data(name: str) -> set[str]:
            community = communities[name]
            owner = owners.ListOwners(opb.ListOwnersRequest(
                page_size=1, filter=f'community_id = "{community.id}"')).owners[0]
            return set(owner.plugin_data)

        assert plugin_data("海景湾 Seaview Bay") == {"fivestep"}
        assert plugin_data("翠湖花园 Cuihu Garden") == set()
        listed = admin_pb2_grpc.AdminServiceStub(channel).ListPlugins(
            admin_pb2.ListPluginsRequest()).plugins
        where = {p.name: set(p.enablement.community_ids) for p in listed}
        assert where["fivestep"] == {communities["海景湾 Seaview Bay"].id}
        cuihu = communities["翠湖花园 Cuihu Garden"].id
        assert where["vip_butler"] == where["eastchina"] == {cuihu}
        assert communities["海景湾 Seaview Bay"].region_id != communities[
            "翠湖花园 Cuihu Garden"].region_id
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)

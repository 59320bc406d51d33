"""The demo data set behind ``svcq serve --demo``: enough of a company to explore the API.

Two regions, three communities, their buildings and units, about 200 owners
and staff of every department. Names and numbers are generated from a fixed
seed, so every newcomer sees the same data; loading twice changes nothing.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

import structlog

from svcq.config import Config
from svcq.domain.directory import CommunityInput, Department, StaffInput, StaffRole
from svcq.domain.owners import CareFlag, OwnerInput, OwnerRole, UnitLink
from svcq.storage.db import database, write_transaction
from svcq.storage.directory import Community
from svcq.storage.system import Meta

if TYPE_CHECKING:
    from svcq.server import App

log = structlog.get_logger("svcq.demo")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明")
PROVINCES = {"East China": "沪苏浙", "South China": "粤"}
COMMUNITIES = [
    # region, name, time zone, first occupancy year, buildings, units per building
    ("East China", "翠湖花园 Cuihu Garden", "Asia/Shanghai", 2012, 4, 20),
    ("East China", "梧桐苑 Wutong Court", "Asia/Shanghai", 2023, 3, 18),
    ("South China", "海景湾 Seaview Bay", "Asia/Shanghai", 2018, 3, 20),
]
STAFF_PER_COMMUNITY = [
    (Department.FRONT_DESK, StaffRole.SUPERVISOR), (Department.FRONT_DESK, StaffRole.OPERATOR),
    (Department.ENGINEERING, StaffRole.SUPERVISOR), (Department.ENGINEERING, StaffRole.OPERATOR),
    (Department.CLEANING, StaffRole.OPERATOR), (Department.SECURITY, StaffRole.SHIFT_LEADER),
    (Department.SECURITY, StaffRole.OPERATOR), (Department.GREENING, StaffRole.OPERATOR),
    (Department.BUTLER, StaffRole.OPERATOR), (Department.QUALITY, StaffRole.QUALITY_INSPECTOR),
    (Department.FRONT_DESK, StaffRole.PROJECT_HEAD),
]
OWNERS_PER_COMMUNITY = 67
DEMO_MARK = "demo_loaded"


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}"


def _plate(rng: random.Random, provinces: str) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    return (rng.choice(provinces) + rng.choice(letters[:5])
            + "".join(rng.choice("0123456789" + letters) for _ in range(5)))


def load_demo(app: App, seed: int = 2026) -> bool:
    """Load the demo data unless it is already there; returns True when it loaded."""
    with database.connection_context():
        if Meta.get_or_none(Meta.key == DEMO_MARK) is not None:
            log.info("demo_already_loaded")
            return False
        rng = random.Random(seed)
        regions = {name: app.directory.create_region(name) for name in PROVINCES}
        for region_name, name, tz, year, buildings, per_building in COMMUNITIES:
            community = app.directory.create_community(CommunityInput(
                region_id=regions[region_name].id, display_name=name, time_zone=tz,
                work_start_minute=8 * 60 + 30, work_end_minute=17 * 60 + 30,
                first_occupancy_year=year))
            for department, role in STAFF_PER_COMMUNITY:
                app.directory.create_staff(StaffInput(
                    community_id=community.id, region_id="", display_name=_name(rng),
                    phone=_phone(rng), department=department, role=role))
            units = []
            for b in range(1, buildings + 1):
                building = app.directory.create_building(community.id, f"{b}栋")
                for u in range(per_building):
                    floor, door = divmod(u, 2)
                    units.append(app.directory.create_unit(building.id,
                                                           f"{floor + 1}0{door + 1}"))
            for i in range(OWNERS_PER_COMMUNITY):
                move_in = date(year, 6, 1) + timedelta(days=rng.randint(0, 365 * 3))
                care = [CareFlag.ELDERLY] if i % 9 == 0 else []
                care += [CareFlag.NEEDS_HELP] if i % 23 == 0 else []
                app.owners.create(OwnerInput(
                    community_id=community.id, display_name=_name(rng), phones=[_phone(rng)],
                    plates=[_plate(rng, PROVINCES[region_name])] if i % 3 else [],
                    units=[UnitLink(units[i % len(units)].id,
                                    OwnerRole.OWNER if i < len(units) else OwnerRole.TENANT,
                                    min(move_in, date.today()))],
                    tags=["committee"] if i % 17 == 0 else [], care_flags=care,
                ))
        with write_transaction():
            Meta.create(key=DEMO_MARK, value=str(seed))
    log.info("demo_loaded", regions=len(PROVINCES), communities=len(COMMUNITIES),
             owners=OWNERS_PER_COMMUNITY * len(COMMUNITIES))
    return True


#: Which built-in practices the demo switches on, and where: the five-step
#: method in South China, VIP stewardship with the East China plan in East
#: China, so the difference shows through the API (plugin_data, routing, RPCs).
DEMO_PLUGINS = {
    "fivestep": "海景湾 Seaview Bay",
    "vip_butler": "翠湖花园 Cuihu Garden",
    "eastchina": "翠湖花园 Cuihu Garden",
}


def demo_plugins(app: App) -> Callable[[Config], Config]:
    """A config adjustment enabling DEMO_PLUGINS in their demo communities.

    Plugins the config file already mentions are left as the file says, so an
    admin can try other settings on the demo data.
    """
    with database.connection_context():
        ids = {c.display_name: c.id for c in Community.select(Community.id, Community.display_name)}
    installed = set(app.admin.pm.catalog.plugins)

    def adjust(config: Config) -> Config:
        plugins = {name: dict(section) for name, section in config.plugins.items()}
        for plugin, community in DEMO_PLUGINS.items():
            if plugin in installed and plugin not in plugins and community in ids:
                plugins[plugin] = {"enabled_communities": [ids[community]]}
        return dataclasses.replace(config, plugins=plugins)

    return adjust

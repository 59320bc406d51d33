"""svcq.toml: defaults, precedence, and errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcq.config import Config, ConfigError, load_config

ROOT = Path(__file__).resolve().parents[2]


def test_the_example_file_is_valid_and_shows_the_defaults():
    assert load_config(ROOT / "svcq.example.toml", environ={}) == Config(
        source=str(ROOT / "svcq.example.toml"))


def test_precedence_flags_then_environment_then_file(tmp_path: Path):
    path = tmp_path / "svcq.toml"
    path.write_text('[server]\naddress = "127.0.0.1:1"\nworkers = 2\n')
    env = {"SVCQ_SERVER__ADDRESS": "127.0.0.1:2", "SVCQ_DATABASE__URL": "sqlite:///e.db"}
    config = load_config(path, environ=env, overrides={"server": {"address": "127.0.0.1:3"}})
    assert config.server.address == "127.0.0.1:3"
    assert config.database.url == "sqlite:///e.db"
    assert config.server.workers == 2


def test_every_problem_is_reported_with_its_key(tmp_path: Path):
    path = tmp_path / "svcq.toml"
    path.write_text('[server]\nworkers = "x"\ncolour = 1\n[logging]\nlevel = "LOUD"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    assert sorted(caught.value.problems) == [
        "logging.level: must be one of DEBUG, ERROR, INFO, WARNING, got 'LOUD'",
        "server.colour: unknown key (known: address, workers, grace_seconds, max_message_bytes,"
        " max_concurrent_rpcs, page_token_secret, job_interval_seconds)",
        "server.workers: expected an integer, got 'x'",
    ]


def test_missing_and_malformed_files(tmp_path: Path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml", environ={})
    bad = tmp_path / "bad.toml"
    bad.write_text("[server\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad, environ={})

"""The committed protobuf code is exactly what scripts/gen_proto.py makes from proto/."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _generator():
    spec = importlib.util.spec_from_file_location("gen_proto", ROOT / "scripts" / "gen_proto.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_proto"] = module
    spec.loader.exec_module(module)
    return module


def test_regenerating_changes_nothing(tmp_path: Path):
    gen = _generator()
    written = gen.generate(tmp_path)
    assert written, "no proto files found"
    stale = [str(committed.relative_to(ROOT)) for path, committed in written
             if not committed.exists() or committed.read_bytes() != path.read_bytes()]
    assert not stale, f"run `python scripts/gen_proto.py` and commit: {stale}"


def test_every_generated_module_has_a_proto(tmp_path: Path):
    generated = {p.name.removesuffix("_pb2.py") for p in (ROOT / "core/svcq/v1").glob("*_pb2.py")}
    protos = {p.stem for p in (ROOT / "proto/svcq/v1").glob("*.proto")}
    assert generated == protos

"""Generate the Python protobuf and gRPC modules (with .pyi stubs) from proto/.

One script produces every generated file so that regeneration is
reproducible; tests/unit/test_generated_code.py runs it into a temporary
folder and fails when the committed code differs.

    python scripts/gen_proto.py            # write core/svcq/v1 and each plugins/<pkg>/v1
    python scripts/gen_proto.py --out DIR  # write under DIR instead (for the drift test)

Core protos live in proto/ (package svcq.v1) and generate into core/. A
built-in plugin keeps its own protos in plugins/<pkg>/proto/<pkg>/v1/*.proto
(package svcq.<name>.v1) and they generate into plugins/, so the modules
import as ``<pkg>.v1.<name>_pb2`` next to the plugin's code.
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROTO_ROOT = ROOT / "proto"
THIRD_PARTY = PROTO_ROOT / "third_party"
PLUGINS = ROOT / "plugins"


def trees() -> list[tuple[Path, Path]]:
    """(proto include root, output root) pairs: the core's, then each plugin's."""
    found = [(PROTO_ROOT, ROOT / "core")]
    found += [(d, PLUGINS) for d in sorted(PLUGINS.glob("*/proto")) if d.is_dir()]
    return found


def proto_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.proto") if THIRD_PARTY not in p.parents)


def generate(out_root: Path | None = None) -> list[tuple[Path, Path]]:
    """Run protoc for every tree; returns (written file, its committed place) pairs."""
    from grpc_tools import protoc

    well_known = str(resources.files("grpc_tools") / "_proto")
    written: list[tuple[Path, Path]] = []
    for include, default_out in trees():
        out = out_root or default_out
        files = proto_files(include)
        for package_dir in {f.parent.relative_to(include) for f in files}:
            target = out / package_dir
            target.mkdir(parents=True, exist_ok=True)
            (target / "__init__.py").touch()
        args = [
            "protoc",
            f"-I{include}",
            f"-I{THIRD_PARTY}",
            f"-I{well_known}",
            f"--python_out={out}",
            f"--pyi_out={out}",
            f"--grpc_python_out={out}",
            *(str(f.relative_to(include)) for f in files),
        ]
        if protoc.main(args) != 0:
            raise SystemExit(f"protoc failed for {include}")
        for f in files:
            stem = f.relative_to(include).with_suffix("")
            for end in ("_pb2.py", "_pb2.pyi", "_pb2_grpc.py"):
                written.append((out / f"{stem}{end}", default_out / f"{stem}{end}"))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="output root instead of core/")
    args = parser.parse_args(argv)
    for path, _ in generate(args.out):
        print(path.relative_to(args.out) if args.out else path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())

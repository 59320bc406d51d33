"""The skeleton ``svcq plugin new NAME`` writes: an installable plugin package.

Files end in ``.tmpl`` and use ``string.Template`` placeholders (``${name}``,
``${package}``, ``${distribution}``) so they are never imported or
collected as tests here; ``package/`` becomes the plugin's import package.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

TEMPLATE = Path(__file__).parent
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def names(name: str) -> dict[str, str]:
    """Plugin name -> the names derived from it (import package, distribution)."""
    if not _NAME.match(name):
        raise ValueError(f"plugin name {name!r} must be lower_snake_case, e.g. welcome_gift")
    return {
        "name": name,
        "package": f"svcq_{name}",
        "distribution": f"svcq-{name.replace('_', '-')}",
    }


def render(name: str, target: Path) -> list[Path]:
    """Write the package for plugin ``name`` into ``target`` (must not exist)."""
    values = names(name)
    if target.exists():
        raise FileExistsError(f"{target} already exists")
    written = []
    for source in sorted(TEMPLATE.rglob("*.tmpl")):
        relative = source.relative_to(TEMPLATE).with_suffix("")
        if relative.parts[0] == "package":
            relative = Path(values["package"], *relative.parts[1:])
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        text = string.Template(source.read_text(encoding="utf-8")).substitute(values)
        destination.write_text(text, encoding="utf-8")
        written.append(destination)
    return written

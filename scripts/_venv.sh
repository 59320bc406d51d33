# Sourced by scripts/serve and scripts/test: make .venv and install svcq into it.
# Re-installs only when pyproject.toml (or the extras asked for) changed, so
# the second run starts at once. Usage: ensure_venv "" | ensure_venv "test"
ensure_venv() {
    local extras="$1" root venv stamp want
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    venv="${SVCQ_VENV:-$root/.venv}"
    stamp="$venv/.svcq-installed"
    want="$(sha256sum "$root/pyproject.toml" | cut -c1-16)-[$extras]"
    if [ ! -x "$venv/bin/python" ]; then
        echo "svcq: creating $venv" >&2
        python3 -m venv "$venv"
    fi
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        echo "svcq: installing svcq${extras:+[$extras]} into $venv" >&2
        "$venv/bin/python" -m pip install --quiet --upgrade pip >&2
        "$venv/bin/python" -m pip install --quiet -e "$root${extras:+[$extras]}" >&2
        echo "$want" > "$stamp"
    fi
    VENV="$venv"
}

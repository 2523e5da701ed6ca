# Sourced by scripts/run and scripts/test: make sure this checkout has what it needs.
# - Qt's system libraries (apt-get, only when missing and when we are root);
# - a virtual environment in .venv with the app and its test tools installed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON_BIN="${PYTHON:-python3}"

# Off-screen Qt needs these (PACKAGING.md); a real window needs the xcb ones as well.
QT_PACKAGES_OFFSCREEN="libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0"
QT_PACKAGES_WINDOW="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0"

missing_debs() {
    local missing=""
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing="$missing $pkg"
    done
    echo "$missing"
}

ensure_debs() {
    command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian: trust the system
    local missing
    missing="$(missing_debs "$@")"
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Systeembibliotheken installeren:$missing"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq --no-install-recommends $missing >/dev/null \
            || { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null; }
    else
        echo "Let op: deze systeembibliotheken ontbreken:$missing" >&2
        echo "Installeer ze met: sudo apt-get install$missing" >&2
    fi
}

ensure_venv() {
    local stamp="$VENV/.installed"
    if [ ! -x "$VENV/bin/python" ]; then
        echo "Virtuele omgeving maken in $VENV"
        "$PYTHON_BIN" -m venv "$VENV"
    fi
    # Reinstall only when pyproject.toml changed since the last install.
    if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
        echo "Pakketten installeren (eenmalig, dit duurt even)..."
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ROOT[test]"
        touch "$stamp"
    fi
}

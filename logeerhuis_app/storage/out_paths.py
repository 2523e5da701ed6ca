"""Where an `--out` (or a folder typed in a dialog) may write (decision 0028).

The folder must exist: a missing one is nearly always a USB stick that is not in, and making
it (or writing a file named after it beside it, as before) would put the data on the PC's own
disk where nobody looks for it. Only a backup may also name its file, inside an existing folder.
"""

from __future__ import annotations

from pathlib import Path

from ..services.errors import DataError


def existing_folder(path: Path) -> Path:
    path = Path(path)
    if path.is_dir():
        return path
    if path.exists():
        raise DataError(f"{path} is een bestand, geen map. Kies een map.")
    raise DataError(_missing(path))


def folder_or_file(path: Path, suffixes: tuple[str, ...]) -> tuple[Path, str | None]:
    """(folder, None) for an existing folder; (its folder, the name) for a file name with one
    of `suffixes` in an existing folder; refused otherwise."""
    path = Path(path)
    if path.is_dir():
        return path, None
    if path.suffix.lower() in suffixes:
        return existing_folder(path.parent), path.name
    raise DataError(
        _missing(path)
        + f" Of geef een bestandsnaam die eindigt op {' of '.join(suffixes)} in een bestaande map."
    )


def _missing(path: Path) -> str:
    return (
        f"De map {path} bestaat niet. Is de USB-stick ingestoken? Kies een bestaande map "
        "(een nieuwe map maakt u eerst zelf)."
    )

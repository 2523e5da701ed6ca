"""`python -m logeerhuis_app` and the `logeerhuis` command."""

from __future__ import annotations

import os
import sys


def main() -> int:
    from .cli import main as cli_main

    if os.name != "nt":  # whatever a library writes (Qt's settings and lock file): owner-only
        os.umask(0o077)

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())

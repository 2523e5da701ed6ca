"""The frozen app's entry point (PyInstaller runs a script, not `python -m logeerhuis_app`)."""

import sys

from logeerhuis_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())

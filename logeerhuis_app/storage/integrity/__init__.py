"""The checks behind `logeerhuis check`, import-data and restore (decision 0037).

Each check takes a SQLAlchemy Connection and a Findings to add Dutch problems (and facts) to;
it only reads. The runner gives each check its own savepoint inside one read-only transaction,
so a check that cannot run (a table is missing) is named and the others still run.
"""

from .findings import Findings
from .runner import SEMANTIC_CHECKS, run_checks

__all__ = ["SEMANTIC_CHECKS", "Findings", "run_checks"]

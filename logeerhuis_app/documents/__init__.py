"""documents layer (see docs and ARCHITECTURE.md)."""

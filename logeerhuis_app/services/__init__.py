"""services layer (see docs and ARCHITECTURE.md)."""

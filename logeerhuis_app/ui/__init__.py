"""ui layer (see docs and ARCHITECTURE.md)."""

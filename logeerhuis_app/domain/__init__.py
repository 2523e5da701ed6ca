"""domain layer (see docs and ARCHITECTURE.md)."""

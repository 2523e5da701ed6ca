"""db layer (see docs and ARCHITECTURE.md)."""

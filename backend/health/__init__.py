"""Liveness of the service and of the caller's own session."""

"""Liveness and readiness probes: the views, their URLs, and the middleware that lets probes
in first."""

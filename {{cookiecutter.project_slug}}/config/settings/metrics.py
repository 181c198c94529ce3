"""Metrics: django-prometheus at /metrics."""

from config.env import env

# Bearer token Prometheus sends to read /metrics; unset, /metrics answers 404 to everyone.
METRICS_TOKEN = env("METRICS_TOKEN", default="")

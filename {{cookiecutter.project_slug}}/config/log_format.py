"""How log lines look, shared by Django (settings.LOGGING) and gunicorn (config/gunicorn.py).

Every line goes through structlog: "json" renders one JSON object per line (production, for
log collectors), "console" readable key=value lines (local, tests). Lines carry the context
django-structlog binds, such as the request id (config/settings/logs.py){% if cookiecutter.use_opentelemetry == "yes" %}; and, inside a span,
its trace_id and span_id (config/tracing.py){% endif %}.
"""

import structlog
{%- if cookiecutter.use_opentelemetry == "yes" %}
from opentelemetry import trace
{%- endif %}
from structlog.tracebacks import ExceptionDictTransformer
{%- if cookiecutter.use_opentelemetry == "yes" %}
from structlog.typing import EventDict, WrappedLogger


def add_trace_ids(logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
    """Add the current span's trace_id and span_id (hex, as tracing backends show them)."""
    context = trace.get_current_span().get_span_context()
    if context.is_valid:
        event_dict.setdefault("trace_id", format(context.trace_id, "032x"))
        event_dict.setdefault("span_id", format(context.span_id, "016x"))
    return event_dict
{%- endif %}
{% if cookiecutter.use_opentelemetry == "yes" %}
{% endif %}
# Applied to records from plain logging too (Django, gunicorn, libraries), not only structlog's.
_PRE_CHAIN = [
    structlog.contextvars.merge_contextvars,
{%- if cookiecutter.use_opentelemetry == "yes" %}
    add_trace_ids,
{%- endif %}
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.ExtraAdder(),
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]

FORMATTERS = {
    "json": {
        "()": structlog.stdlib.ProcessorFormatter,
        "processors": [
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            # Tracebacks as data, without each frame's local variables: they may hold
            # passwords, tokens or personal data (structlog's dict_tracebacks shows them).
            structlog.processors.ExceptionRenderer(ExceptionDictTransformer(show_locals=False)),
            structlog.processors.JSONRenderer(),
        ],
        "foreign_pre_chain": _PRE_CHAIN,
    },
    "console": {
        "()": structlog.stdlib.ProcessorFormatter,
        "processors": [
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            # Plain tracebacks: rich's, picked when rich is installed, take a second to draw.
            structlog.dev.ConsoleRenderer(
                colors=False, exception_formatter=structlog.dev.plain_traceback
            ),
        ],
        "foreign_pre_chain": _PRE_CHAIN,
    },
}


def configure_structlog() -> None:
    """Send structlog's events through the standard logging handlers and formatters above."""
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
{%- if cookiecutter.use_opentelemetry == "yes" %}
            add_trace_ids,
{%- endif %}
            structlog.stdlib.filter_by_level,
            structlog.stdlib.add_log_level,
            structlog.stdlib.add_logger_name,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.StackInfoRenderer(),
            structlog.processors.UnicodeDecoder(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )

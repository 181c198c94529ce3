"""Background tasks: Celery, read by config/celery.py.

Every CELERY_* setting is Celery's own setting of the same name.
"""

from config.env import env
from config.settings.cache import REDIS_URL
from config.settings.core import TIME_ZONE
{% if cookiecutter.celery_broker == "redis" %}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/1")
{%- else %}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="amqp://guest:guest@127.0.0.1:5672//")
{%- endif %}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
# /health/ready checks the broker too, after the database and the cache.
READINESS_EXTRA_CHECKS = {
    "broker": "{{ cookiecutter.project_slug }}.common.health.broker.BrokerCheck",
}
# Sending a task retries briefly, then fails: a request never hangs on a dead broker.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL)
# Results are kept only for tasks that ask (ignore_result=False).
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_EXPIRES = 60 * 60 * 24
# JSON only: no pickle, so a message on the broker can never run code.
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
# Acknowledge after the task finished, one message at a time per process, and send a task
# again when its worker process dies: nothing is lost in a crash, so tasks must be idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_RETRY_ON_WORKER_LOST = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=90)
# The longest a retry waits (common/background.py's backoff cap; the worker-lost retry's 2 s
# delay in config/celery.py is below it): no task is sent with a longer countdown or ETA.
TASK_RETRY_BACKOFF_MAX = env.int("CELERY_TASK_RETRY_BACKOFF_MAX", default=60)
{%- if cookiecutter.celery_broker == "redis" %}
# A whole worker lost (its main process killed with its pool, or its host gone): Redis has no
# connection to notice it by, so kombu gives an unacknowledged task back to its queue once it
# is older than visibility_timeout; every live worker looks for such tasks each
# unacked_restore_interval seconds (throttle 1: each look is one small sorted-set read), under a
# lock that expires after unacked_mutex_expire. Such a task runs again within visibility_timeout
# + unacked_restore_interval (191 s by default), + unacked_mutex_expire (196 s) when a worker
# died in the middle of a look and left the lock behind. The timeout exceeds the longest a
# worker may hold a message, a retry's countdown and then the hard time limit, plus a margin for
# clock skew between worker hosts: shorter, a task still waiting or running would be started a
# second time.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": TASK_RETRY_BACKOFF_MAX
    + CELERY_TASK_TIME_LIMIT
    + env.int("CELERY_VISIBILITY_MARGIN", default=40),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
    # kombu's default is 300 s: a lock left by a killed worker would stop every look for five
    # minutes. A look takes milliseconds; one slower than 5 s overlapping another is safe, as
    # each task is given back in a transaction that a second look finds already done.
    "unacked_mutex_expire": 5,
}
{%- endif %}
CELERY_TIMEZONE = TIME_ZONE
# Modules each worker imports when it starts, before its first task: receivers of task signals.
CELERY_IMPORTS = ["{{ cookiecutter.project_slug }}.common.data.task_scopes"]
# The worker keeps Django's LOGGING (structlog) instead of installing its own handlers.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# django-structlog puts the sending request's id into each task's message; in the worker,
# config/celery.py's DjangoStructLogInitStep binds it and the task id to the task's log lines.
DJANGO_STRUCTLOG_CELERY_ENABLED = True
# Tasks go to a queue named after the service (not Celery's shared "celery"): another service
# on the same broker has its own queue, so neither's worker takes the other's tasks. A worker
# started without -Q consumes this queue.
{%- if cookiecutter.celery_broker == "redis" %}
CELERY_TASK_DEFAULT_QUEUE = "{{ cookiecutter.project_slug }}"
{%- else %}
# Its exchange has the same name. CELERY_QUEUE names another pair, for a move between queues
# (README, "Moving to quorum queues") and for test runs side by side on one broker.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="{{ cookiecutter.project_slug }}")
# Quorum queues: replicated on a majority of a RabbitMQ cluster's nodes, so a node lost loses
# no task (classic mirrored queues are gone in RabbitMQ 4). RabbitMQ 3.10 or later: the native
# delayed delivery below needs its at-least-once dead-lettering (see .project-rules).
CELERY_TASK_DEFAULT_QUEUE_TYPE = "quorum"
# A queue named only where a task is sent or a worker started (-Q) is a quorum queue too.
CELERY_TASK_CREATE_MISSING_QUEUE_TYPE = "quorum"
# Topic exchanges, so a countdown or ETA (a retry's backoff) waits on the broker, in Celery's
# native delayed delivery queues, not in a worker: on a quorum queue a worker's prefetch is
# fixed (no global QoS), and a task it held for its ETA would block its process until then.
CELERY_TASK_DEFAULT_EXCHANGE_TYPE = "topic"
CELERY_TASK_CREATE_MISSING_QUEUE_EXCHANGE_TYPE = "topic"
# Publisher confirms: sending waits until the broker has the message (on a majority of nodes
# for a quorum queue), and a message it refuses is an error to the sender, not lost silently.
CELERY_BROKER_TRANSPORT_OPTIONS = {"confirm_publish": True}
# worker_detect_quorum_queues stays on (Celery's default): it turns off global QoS, which
# quorum queues refuse.
{%- endif %}
{%- if cookiecutter.use_flower == "yes" %}
# Task events feed Flower's dashboard.
CELERY_WORKER_SEND_TASK_EVENTS = True
CELERY_TASK_SEND_SENT_EVENT = True
{%- endif %}

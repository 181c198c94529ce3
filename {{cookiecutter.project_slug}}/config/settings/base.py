"""Settings shared by every environment, composed from one module per concern.

Each module reads its own variables from the environment (config/env.py; see .env.example) and
imports what it needs from the others. local.py, test.py and production.py start from these and
adjust what their environment needs. A new concern gets a module of its own, imported here.
"""

from config.settings.api import *  # noqa: F403
from config.settings.apps import *  # noqa: F403
from config.settings.auth import *  # noqa: F403
{%- if cookiecutter.use_celery_beat == "yes" %}
from config.settings.beat import *  # noqa: F403
{%- endif %}
from config.settings.cache import *  # noqa: F403
{%- if cookiecutter.use_celery == "yes" %}
from config.settings.celery import *  # noqa: F403
{%- endif %}
from config.settings.core import *  # noqa: F403
from config.settings.database import *  # noqa: F403
{%- if cookiecutter.api_auth == "jwt" %}
from config.settings.jwt import *  # noqa: F403
{%- endif %}
from config.settings.logs import *  # noqa: F403
{%- if cookiecutter.use_prometheus == "yes" %}
from config.settings.metrics import *  # noqa: F403
{%- endif %}
from config.settings.middleware import *  # noqa: F403
from config.settings.security import *  # noqa: F403

"""The database: MySQL 8.4 / MariaDB 10.11+, its read replicas and safe schema changes."""

from config.env import env
from config.settings.apps import LOCAL_APPS

# DATABASE_URL=mysql://USER:PASSWORD@HOST:3306/NAME
DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["OPTIONS"] = {
    **DATABASES["default"].get("OPTIONS", {}),
    # utf8mb4 stores every Unicode character, emoji included (MySQL's "utf8" stops at 3 bytes).
    "charset": "utf8mb4",
    "init_command": (
        # Strict mode turns silent truncation, zero dates and division by zero into errors.
        "SET sql_mode='ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
        "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION',"
        # Seconds a statement waits for a row lock (InnoDB's default: 50): a request or task
        # stuck behind a lock fails fast, and a task retries.
        f" innodb_lock_wait_timeout={env.int('DATABASE_LOCK_WAIT_TIMEOUT', default=10)}"
    ),
    # Django's recommended level, stated outright: InnoDB's REPEATABLE READ can lose data.
    "isolation_level": "read committed",
    "connect_timeout": env.int("DATABASE_CONNECT_TIMEOUT", default=5),
}
# Persistent connections, checked before reuse so a restarted server is not a 500.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}

# Read replicas (optional): reads go to them, writes and read-your-writes to the primary
# (see .project-rules/backend/database.md, "Read replicas", and common/data/replicas.py).
# DATABASE_REPLICA_URLS=mysql://USER:PASSWORD@REPLICA1:3306/NAME,mysql://...@REPLICA2:3306/NAME
DATABASE_REPLICA_URLS: list[str] = env.list("DATABASE_REPLICA_URLS", default=[])
for number, replica_url in enumerate(DATABASE_REPLICA_URLS, start=1):
    DATABASES[f"replica{number}"] = {
        **env.db_url_config(replica_url),
        "OPTIONS": {
            **DATABASES["default"]["OPTIONS"],
            # A replica that does not answer is skipped; it must not hold a request for long.
            "connect_timeout": env.int("DATABASE_REPLICA_CONNECT_TIMEOUT", default=2),
        },
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        # Test runs use the primary alone: a replica alias reads the test database there.
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS: list[str] = []
# Added innermost to MIDDLEWARE (middleware.py) when replicas are configured.
REPLICA_ROUTING_MIDDLEWARE: list[str] = []
if DATABASE_REPLICA_URLS:
    DATABASE_ROUTERS = [
        "{{ cookiecutter.project_slug }}.common.data.replicas.ReplicaRouter",
    ]
    REPLICA_ROUTING_MIDDLEWARE = [
        "{{ cookiecutter.project_slug }}.common.data.replicas.ReplicaRoutingMiddleware",
    ]
# Seconds a replica may be behind before reads skip it.
DATABASE_REPLICA_MAX_LAG = env.int("DATABASE_REPLICA_MAX_LAG", default=5)
# Seconds a user who wrote keeps reading the primary in their next requests.
DATABASE_READ_YOUR_WRITES_SECONDS = env.int("DATABASE_READ_YOUR_WRITES_SECONDS", default=10)

# Schema changes (see .project-rules/backend/database.md, "Changing the schema safely"):
# seconds `migrate` waits for a table's locks before failing, instead of queueing traffic.
DATABASE_MIGRATION_LOCK_WAIT_TIMEOUT = env.int("DATABASE_MIGRATION_LOCK_WAIT_TIMEOUT", default=5)
# django-migration-linter (`make migrations`, a development tool): the project's own migrations,
# as MySQL would run them. A reviewed two-step change is listed by name under "ignore_name".
MIGRATION_LINTER_OPTIONS = {
    "sql_analyser": "mysql",
    "include_apps": [app.rsplit(".", 1)[-1] for app in LOCAL_APPS],
    "no_cache": True,
    "quiet": ["ok", "ignore"],
}

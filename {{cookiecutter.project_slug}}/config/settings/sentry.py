"""Error reporting: Sentry, for every server process (each loads the production settings)."""

import sentry_sdk

from config.env import env

SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default="{{ cookiecutter.version }}"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        # No personal data (e-mails, IP addresses, cookies, bodies) leaves by default. sentry-sdk
        # enables the integration of each installed library it knows (Django and Redis among them).
        send_default_pii=False,
    )

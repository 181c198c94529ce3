"""The environment every settings module reads its variables from.

Real environment variables win; a developer's .env (see .env.example) fills in what they leave
unset. FileAwareEnv also reads VAR_FILE (a path) for VAR, the way container secrets are mounted.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parents[1]

env = environ.FileAwareEnv()
DOT_ENV_FILE = BASE_DIR / ".env"
if DOT_ENV_FILE.is_file():
    env.read_env(DOT_ENV_FILE)

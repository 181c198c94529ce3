"""Flower's configuration: celery -A config flower --conf=config/flower.py

Flower shows task arguments and can revoke tasks, so it never starts without a password.
"""

import os
import sys

credentials = os.environ.get("FLOWER_BASIC_AUTH", "")
if ":" not in credentials:
    sys.exit("FLOWER_BASIC_AUTH must be set to user:password; Flower will not start without it.")

basic_auth = [credentials]
port = int(os.environ.get("FLOWER_PORT", "5555"))

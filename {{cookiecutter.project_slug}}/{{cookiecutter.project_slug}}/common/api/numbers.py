"""Whole numbers read from text the client sent: ASCII digits only.

Python's str.isdigit() and int() also take superscript, Arabic-Indic and mathematical digits:
a superscript two passes isdigit() and then fails in int() (a 500); Arabic-Indic one-zero
silently becomes 10. Every id and page size the client sends is checked here.
"""

import re

ASCII_WHOLE_NUMBER = re.compile(r"[0-9]+")


def is_ascii_whole_number(raw: str) -> bool:
    return ASCII_WHOLE_NUMBER.fullmatch(raw) is not None

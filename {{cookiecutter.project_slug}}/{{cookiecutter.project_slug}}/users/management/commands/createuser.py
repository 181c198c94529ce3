"""Create an ordinary API user from the command line (there is no sign-up endpoint).

The password is asked twice without echo, or read from the first line of standard input, so
scripts never put it on a command line. (Not from a named environment variable: application code
reads no environment, configuration.md; a script pipes its variable in instead.)
"""

import getpass
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from {{ cookiecutter.project_slug }}.users.services import user_create


class Command(BaseCommand):
    help = "Create an API user (not staff) with an e-mail address and a validated password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from the first line of standard input",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = self.password(options)
        try:
            user = user_create(email=options["email"], password=password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Created user {user.email}.")

    def password(self, options: dict[str, Any]) -> str:
        if options["password_stdin"]:
            return sys.stdin.readline().rstrip("\n")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password

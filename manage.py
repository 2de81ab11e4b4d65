#!/usr/bin/env python
"""Django's command-line entry point for operators and developers."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnership.settings")
    # Belt and braces: every writer makes its own files 0600 (core/private_files.py).
    os.umask(0o077)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

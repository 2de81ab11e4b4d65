"""The site's own settings with one change: the URLconf is ``bench.stack_hello_app``'s."""

from partnership.settings import *  # noqa: F403

ROOT_URLCONF = "bench.stack_hello_app"

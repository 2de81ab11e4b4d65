"""WSGI entry point for granian (and gunicorn, WEB_SERVER=gunicorn); each worker imports it."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnership.settings")

from partnership.analytics.wsgi import AnalyticsLayer
from partnership.core.worker_exit import run_atexit_handlers_at_worker_exit
from partnership.core.wsgi import ProxyHeaderGuard

# Belt and braces: every writer makes its own files 0600 (core/private_files.py).
os.umask(0o077)
# granian's workers end without running atexit (the statistics buffer's last flush).
run_atexit_handlers_at_worker_exit()

# The guard first strips forwarded headers no trusted proxy sent; inside it, the
# analytics layer answers the statistics beacon and writes the access log for every
# request with the address the guard let through.
application = ProxyHeaderGuard(AnalyticsLayer(get_wsgi_application()))

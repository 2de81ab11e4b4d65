"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnership.settings")

from partnership.core.wsgi import ProxyHeaderGuard

application = ProxyHeaderGuard(get_wsgi_application())

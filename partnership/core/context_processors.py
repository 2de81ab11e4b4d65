from django.conf import settings
from django.http import HttpRequest


def brand(request: HttpRequest) -> dict[str, dict[str, str]]:
    return {"brand": settings.BRAND}

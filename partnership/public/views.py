from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnership.public import content, help
from partnership.public.forms import HelpSearchForm, StyleguideForm
from partnership.public.page_cache import render_public

# Every page a search engine may list. Never anything under /account/ or /staff/,
# and of the application only its start page and the eligibility check (the steps
# hold a visitor's answers).
SITEMAP_PATHS = (
    "/",
    "/card/",
    "/apply/",
    "/apply/check-eligibility/",
    "/offers/",
    "/help/",
    *(topic.url for topic in help.TOPICS),
    "/accessibility/",
    "/legal/",
    "/complaints/",
    "/privacy/",
    "/privacy/versions/",
    "/privacy/cookies/",
)
ROBOTS_RULES = (
    "User-agent: *",
    "Allow: /apply/$",
    "Allow: /apply/check-eligibility/$",
    "Disallow: /apply/",
    "Disallow: /account/",
    "Disallow: /staff/",
)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render_public(request, "public/home.html", {"card": content.CARD_TERMS})


@require_safe
def card(request: HttpRequest) -> HttpResponse:
    return render_public(request, "public/card.html", {"card": content.CARD_TERMS})


@require_safe
def help_page(request: HttpRequest) -> HttpResponse:
    return render_public(
        request, "public/help.html", {"topics": help.TOPICS, "form": HelpSearchForm()}
    )


@require_safe
def help_search(request: HttpRequest) -> HttpResponse:
    # Not from the page cache: the page depends on the query string.
    form = HelpSearchForm(request.GET if "q" in request.GET else None)
    if not form.is_bound:
        return render(request, "public/help_search.html", {"form": form, "topics": help.TOPICS})
    if not form.is_valid():
        return render(request, "public/help_search.html", {"form": form}, status=400)
    words = form.cleaned_data["q"]
    results = help.topic_search(words=words)
    context = {"form": form, "searched": True, "results": results, "topics": help.TOPICS}
    return render(request, "public/help_search.html", context)


@require_safe
def help_topic(request: HttpRequest, slug: str) -> HttpResponse:
    topic = help.topic_get(slug=slug)
    if topic is None:
        raise Http404
    context = {"topic": topic, "card": content.CARD_TERMS}
    return render_public(request, "public/help_topic.html", context)


@require_safe
def legal(request: HttpRequest) -> HttpResponse:
    return render_public(request, "public/legal.html")


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render_public(request, "public/accessibility.html")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = (*ROBOTS_RULES, "", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", "")
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    urls = [request.build_absolute_uri(path) for path in SITEMAP_PATHS]
    return render(request, "public/sitemap.xml", {"urls": urls}, content_type="application/xml")


@require_safe
def styleguide(request: HttpRequest) -> HttpResponse:
    """Every component on one page, for people building the site (local mode only)."""
    if not settings.LOCAL_MODE:
        raise Http404
    form = StyleguideForm(QueryDict("email=not-an-address&amount=0"))
    form.is_valid()
    context = {
        "card": content.CARD_TERMS,
        "form": form,
        "search_form": HelpSearchForm(),
        "topics": help.TOPICS[:3],
    }
    return render(request, "public/styleguide.html", context)

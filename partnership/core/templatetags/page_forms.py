"""One CSRF protection for every form on a page (core/csrf.py, docs/forms-without-cookies.md).

A post is checked by Django's token when the browser sends the CSRF cookie, and by the
browser's origin headers when it sends none (cookieless forms). So every form on one
page must carry a token exactly when the browser will hold the cookie after this page:
it sent one, or a form on this page is being given one (``{% csrf_token %}`` sets it).

``{% page_csrf_token %}`` renders the token under that rule. It can only know once every
other form on the page has rendered, so base.html renders the page first
(``{% render_first as rendered_page_body %}…{% end_render_first %}``) and the banner,
shown above it,
after: the banner's token then always matches the cookie the page gives.
"""

from __future__ import annotations

from django import template
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.base import Node, NodeList, Parser, Token
from django.template.context import Context
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def page_has_csrf_cookie(request: HttpRequest) -> bool:
    """The browser sent the CSRF cookie, or this response is setting it (``get_token``)."""
    return "CSRF_COOKIE" in request.META


@register.simple_tag(takes_context=True)
def page_csrf_token(context: Context) -> str:
    request = context.get("request")
    if not isinstance(request, HttpRequest) or not page_has_csrf_cookie(request):
        return ""
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )


class RenderFirstNode(Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: Context) -> str:
        rendered: SafeString = mark_safe(self.nodelist.render(context))  # noqa: S308 (rendered by the engine, escaped there)
        context[self.name] = rendered
        return ""


@register.tag("render_first")
def render_first(parser: Parser, token: Token) -> RenderFirstNode:
    """``{% render_first as name %}…{% end_render_first %}``: render now, output later."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("usage: {% render_first as name %}")
    nodelist = parser.parse(("end_render_first",))
    parser.delete_first_token()
    return RenderFirstNode(nodelist, bits[2])

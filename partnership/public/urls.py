from django.urls import path

from partnership.public import transparency_views, views, well_known

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("card/", views.card, name="card"),
    path("help/", views.help_page, name="help"),
    path("help/search/", views.help_search, name="help_search"),
    path("help/<slug:slug>/", views.help_topic, name="help_topic"),
    path("legal/", views.legal, name="legal"),
    # Machine-readable signals (issue 18).
    path(".well-known/gpc.json", well_known.gpc_json, name="gpc_json"),
    path(".well-known/security.txt", well_known.security_txt, name="security_txt"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("styleguide/", views.styleguide, name="styleguide"),
    # The quarterly transparency report (issue 18), beside the privacy policy.
    path(
        "privacy/transparency/",
        transparency_views.transparency_list,
        name="transparency",
    ),
    path(
        "privacy/transparency/<str:quarter>/",
        transparency_views.transparency_quarter,
        name="transparency_quarter",
    ),
]

from django.urls import path

from partnership.public import transparency_views, views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("card/", views.card, name="card"),
    path("help/", views.help_page, name="help"),
    path("legal/", views.legal, name="legal"),
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

from django.urls import path

from partnership.public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("card/", views.card, name="card"),
    path("help/", views.help_page, name="help"),
    path("legal/", views.legal, name="legal"),
]

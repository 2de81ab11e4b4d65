from django.urls import path

from partnership.accounts.views import (
    area,
    browsers,
    passkeys,
    password,
    password_reset,
    sign_in,
)

app_name = "accounts"

urlpatterns = [
    path("", area.home, name="home"),
    path("login/", sign_in.login_view, name="login"),
    path("login/code/", sign_in.login_code_view, name="login_code"),
    path("login/enrol/", sign_in.login_enrol_view, name="login_enrol"),
    path("login/passkey/", passkeys.login_passkey, name="login_passkey"),
    path("login/passkey/options/", passkeys.login_passkey_options, name="login_passkey_options"),
    path("logout/", sign_in.logout_view, name="logout"),
    path("session/", area.session_warning, name="session_warning"),
    path("session/ended/", area.session_ended, name="session_ended"),
    path("password-reset/", password_reset.request_view, name="password_reset"),
    path(
        "password-reset/<str:uidb64>/<str:token>/",
        password_reset.confirm_view,
        name="password_reset_confirm",
    ),
    path("password/", password.password_change_view, name="password_change"),
    path("browsers/", browsers.browsers, name="browsers"),
    path("browsers/forget/", browsers.browser_forget, name="browser_forget"),
    path("passkeys/options/", passkeys.passkey_options, name="passkey_options"),
]

from django.urls import path

from partnership.privacy_centre.views import centre as views
from partnership.privacy_centre.views import passkeys, policy_notice, recipients

app_name = "privacy_centre"

# The privacy centre, under /account/: customers only, always about request.user.
urlpatterns = [
    path("privacy/", views.centre, name="privacy"),
    path("privacy/download/", views.download, name="privacy_download"),
    path("privacy/marketing/", views.marketing, name="privacy_marketing"),
    path("privacy/details/", views.details, name="privacy_details"),
    path("privacy/devices/", views.devices, name="privacy_devices"),
    path("privacy/devices/forget/", views.device_revoke, name="privacy_device_revoke"),
    path("privacy/sign-ins/", views.sign_ins, name="privacy_sign_ins"),
    path("privacy/access/", views.staff_access, name="privacy_staff_access"),
    path("privacy/recipients/", recipients.recipients_told, name="privacy_recipients"),
    path("privacy/consent-receipts/", recipients.consent_receipts, name="privacy_receipts"),
    path(
        "privacy/marketing/receipts/<int:record_id>.json",
        recipients.marketing_receipt,
        name="privacy_marketing_receipt",
    ),
    path("privacy/passkeys/", passkeys.passkeys, name="privacy_passkeys"),
    path("privacy/passkeys/add/", passkeys.passkey_add, name="privacy_passkey_add"),
    path("privacy/passkeys/remove/", passkeys.passkey_remove, name="privacy_passkey_remove"),
    # Shown after sign-in (``accounts.after_sign_in``) when the policy changed.
    path("policy-update/", policy_notice.policy_notice, name="policy_notice"),
]

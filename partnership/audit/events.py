"""Every audit event name the site may record: typed tags, ``<area>:<thing>:<action>``.

An event not listed here cannot be recorded (``audit_record`` refuses it). Later
issues add their names here; the model field holds the string without ``choices`` so
adding a name needs no migration.
"""

from __future__ import annotations

from enum import StrEnum


class AuditEventType(StrEnum):
    PRIVACY_POLICY_PUBLISH = "privacy:policy:publish"
    PRIVACY_COMPLAINT_SUBMIT = "privacy:complaint:submit"
    PRIVACY_SUBJECT_ACCESS_EXPORT = "privacy:subject-access:export"
    PRIVACY_RETENTION_RUN = "privacy:retention:run"
    CRYPTO_KEYS_ROTATE = "crypto:keys:rotate"
    # Accounts: sign-in, sessions, second factors, passwords (docs/accounts.md).
    ACCOUNT_USER_CREATE = "account:user:create"
    ACCOUNT_SIGN_IN_SUCCESS = "account:sign-in:success"
    ACCOUNT_SIGN_IN_FAILURE = "account:sign-in:failure"
    ACCOUNT_SIGN_IN_LOCKOUT = "account:sign-in:lockout"
    ACCOUNT_SIGN_IN_THROTTLED = "account:sign-in:throttled"
    ACCOUNT_SIGN_OUT = "account:session:sign-out"
    ACCOUNT_SESSION_EXPIRE = "account:session:expire"
    ACCOUNT_TWO_FACTOR_ENROL = "account:two-factor:enrol"
    ACCOUNT_RECOVERY_CODE_USE = "account:recovery-code:use"
    ACCOUNT_PASSWORD_RESET_REQUEST = "account:password-reset:request"  # noqa: S105
    ACCOUNT_PASSWORD_RESET_COMPLETE = "account:password-reset:complete"  # noqa: S105
    ACCOUNT_PASSWORD_CHANGE = "account:password:change"  # noqa: S105
    # The privacy centre (docs/accounts.md): a wrong password or code when re-checking
    # who is asking, marketing choices, corrected details, remembered browsers, and the
    # notice of a new privacy policy version at sign-in.
    ACCOUNT_REAUTH_FAILURE = "account:reauth:failure"
    ACCOUNT_MARKETING_UPDATE = "account:marketing:update"
    ACCOUNT_DETAILS_CORRECT = "account:details:correct"
    ACCOUNT_REMEMBERED_DEVICE_ADD = "account:remembered-device:add"
    ACCOUNT_REMEMBERED_DEVICE_REFUSE = "account:remembered-device:refuse"
    ACCOUNT_REMEMBERED_DEVICE_REVOKE = "account:remembered-device:revoke"
    ACCOUNT_POLICY_NOTICE_SHOW = "account:policy-notice:show"
    # Declared for completeness; checkpoints are logged, not recorded (docs/audit.md).
    AUDIT_CHECKPOINT_WRITE = "audit:checkpoint:write"
    # A card account was opened (ids only; never the card number).
    CARDS_ACCOUNT_OPEN = "cards:account:open"
    # A customer downloaded a statement document (ids and the format only).
    CARDS_STATEMENT_DOWNLOAD = "cards:statement:download"
    # Special offers edited in the back office (ids and the published flag only).
    OFFERS_OFFER_CREATE = "offers:offer:create"
    OFFERS_OFFER_UPDATE = "offers:offer:update"
    # A rights request received (kind and what it concerns, by type; ids only).
    PRIVACY_RIGHTS_REQUEST_RECEIVE = "privacy:rights-request:receive"
    # A card application submitted and decided (outcome and reason codes; no values).
    APPLICATIONS_APPLICATION_SUBMIT = "applications:application:submit"


class ActorKind(StrEnum):
    SYSTEM = "system"
    CUSTOMER = "customer"
    STAFF = "staff"

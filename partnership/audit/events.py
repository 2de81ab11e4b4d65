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
    ACCOUNT_SIGN_IN_FLOOD = "account:sign-in:flood"
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
    ACCOUNT_DEVICE_COOKIE_ADD = "account:device-cookie:add"
    ACCOUNT_DEVICE_COOKIE_REVOKE = "account:device-cookie:revoke"
    ACCOUNT_POLICY_NOTICE_SHOW = "account:policy-notice:show"
    # Passkeys (WebAuthn) beside the authenticator app: added, removed, a ceremony
    # refused (reason: which check failed, never the credential).
    ACCOUNT_PASSKEY_ADD = "account:passkey:add"
    ACCOUNT_PASSKEY_REMOVE = "account:passkey:remove"
    ACCOUNT_PASSKEY_REFUSE = "account:passkey:refuse"
    # Declared for completeness; checkpoints are logged, not recorded (docs/audit.md).
    AUDIT_CHECKPOINT_WRITE = "audit:checkpoint:write"
    # A card account was opened (ids only; never the card number).
    CARDS_ACCOUNT_OPEN = "cards:account:open"
    # A customer downloaded a statement document (ids and the format only).
    CARDS_STATEMENT_DOWNLOAD = "cards:statement:download"
    # Cards under the account (issue 15): ids, statuses and reasons as enums only.
    CARDS_CARD_ISSUE = "cards:card:issue"
    CARDS_CARD_ACTIVATE = "cards:card:activate"
    CARDS_CARD_ACTIVATE_FAILURE = "cards:card:activate-failure"
    CARDS_CARD_FREEZE = "cards:card:freeze"
    CARDS_CARD_UNFREEZE = "cards:card:unfreeze"
    CARDS_CARD_BLOCK = "cards:card:block"
    CARDS_CARD_AUTHORISE = "cards:card:authorise"
    CARDS_DISPUTE_RAISE = "cards:dispute:raise"
    # An agent closes a dispute (outcome, grant and credit ids) or is refused without a grant.
    CARDS_DISPUTE_CLOSE = "cards:dispute:close"
    CARDS_DISPUTE_CLOSE_REFUSED = "cards:dispute:close-refused"
    # Special offers edited in the back office (ids and the published flag only).
    OFFERS_OFFER_CREATE = "offers:offer:create"
    OFFERS_OFFER_UPDATE = "offers:offer:update"
    # A rights request received (kind and what it concerns, by type; ids only).
    PRIVACY_RIGHTS_REQUEST_RECEIVE = "privacy:rights-request:receive"
    # The request's clock and outcome in the back office (ids, enums and counts only).
    PRIVACY_RIGHTS_REQUEST_PAUSE = "privacy:rights-request:pause"
    PRIVACY_RIGHTS_REQUEST_RESUME = "privacy:rights-request:resume"
    PRIVACY_RIGHTS_REQUEST_EXTEND = "privacy:rights-request:extend"
    PRIVACY_RIGHTS_REQUEST_COMPLETE = "privacy:rights-request:complete"
    # An erasure for one person: counts erased and kept per category (the ids go to
    # the erasure ledger outside the database, docs/privacy-engines.md).
    PRIVACY_ERASURE_RUN = "privacy:erasure:run"
    # A card application submitted and decided (outcome and reason codes; no values).
    APPLICATIONS_APPLICATION_SUBMIT = "applications:application:submit"
    # Marketing recipients and exports (P8): ids, channel, counts and the old/new flag.
    BACKOFFICE_RECIPIENT_CREATE = "backoffice:recipient:create"
    BACKOFFICE_RECIPIENT_FLAG_CHANGE = "backoffice:recipient:flag-change"
    BACKOFFICE_MARKETING_EXPORT_CREATE = "backoffice:marketing-export:create"
    BACKOFFICE_MARKETING_EXPORT_REFUSED = "backoffice:marketing-export:refused"
    BACKOFFICE_MARKETING_EXPORT_DOWNLOAD = "backoffice:marketing-export:download"
    # The processor register (P7): ids and the audit-overdue flag only.
    BACKOFFICE_PROCESSOR_CREATE = "backoffice:processor:create"
    BACKOFFICE_PROCESSOR_UPDATE = "backoffice:processor:update"
    # The back office's need-to-know access (docs/backoffice.md): searches (how, and
    # whether one customer was found; never the terms), grants with their reason
    # category, each view of a customer's data, call records and complaint handling.
    STAFF_CUSTOMER_SEARCH = "staff:customer:search"
    # A staff member over the customer-search limit: refused, nothing looked up (the
    # method and the limit only; never the terms).
    STAFF_CUSTOMER_SEARCH_THROTTLED = "staff:customer-search:throttled"
    STAFF_ACCESS_GRANT = "staff:access:grant"
    STAFF_CUSTOMER_VIEW = "staff:customer:view"
    STAFF_CALL_RECORD = "staff:call:record"
    STAFF_COMPLAINT_VIEW = "staff:complaint:view"
    STAFF_COMPLAINT_ACKNOWLEDGE = "staff:complaint:acknowledge"
    STAFF_COMPLAINT_CLOSE = "staff:complaint:close"
    # Alerts and paperless statements (issue 15): the kinds and channels changed, the
    # days and per cent chosen, whether the mobile number changed; never the number or
    # the purchase amount.
    ALERTS_CHOICES_UPDATE = "alerts:choices:update"
    ALERTS_STATEMENT_PREFERENCE_UPDATE = "alerts:statement-preference:update"
    # Art. 19 (issue 18): a recipient told of a correction, erasure or restriction, and
    # the notice's download by staff to send it (notification id and enums only).
    COMPLIANCE_RECIPIENT_NOTIFY = "compliance:recipient:notify"
    COMPLIANCE_RECIPIENT_NOTICE_DOWNLOAD = "compliance:recipient-notice:download"
    # Secure messages (partnership/inbox): thread, message, attachment and grant ids,
    # the topic, the verified attachment type and flags; never the text or a file name.
    INBOX_THREAD_START = "inbox:thread:start"
    INBOX_CUSTOMER_REPLY = "inbox:customer:reply"
    INBOX_AGENT_REPLY = "inbox:agent:reply"
    INBOX_AGENT_REFUSED = "inbox:agent:refused"
    INBOX_ATTACHMENT_DOWNLOAD = "inbox:attachment:download"
    # Payments and Direct Debit (docs/payments.md): ids, statuses and kinds only —
    # never an amount, a sort code or an account number.
    PAYMENTS_PAYMENT_START = "payments:payment:start"
    PAYMENTS_PAYMENT_COMPLETE = "payments:payment:complete"
    PAYMENTS_DIRECT_DEBIT_SET_UP = "payments:direct-debit:set-up"
    PAYMENTS_DIRECT_DEBIT_CHANGE = "payments:direct-debit:change"
    PAYMENTS_DIRECT_DEBIT_CANCEL = "payments:direct-debit:cancel"
    PAYMENTS_DIRECT_DEBIT_REFUSE = "payments:direct-debit:refuse"
    PAYMENTS_COLLECTION_NOTICE = "payments:collection:notice"
    PAYMENTS_COLLECTION_COLLECT = "payments:collection:collect"
    PAYMENTS_MODULUS_TABLE_LOAD = "payments:modulus-table:load"
    # Issue 18 (accountability): the breach register and its notices to people (ids,
    # revision numbers and enums only) and a published transparency report (the quarter
    # only).
    STAFF_BREACH_RECORD = "staff:breach:record"
    STAFF_BREACH_REVISE = "staff:breach:revise"
    STAFF_BREACH_NOTIFY = "staff:breach:notify"
    PRIVACY_TRANSPARENCY_PUBLISH = "privacy:transparency:publish"


class ActorKind(StrEnum):
    SYSTEM = "system"
    CUSTOMER = "customer"
    STAFF = "staff"

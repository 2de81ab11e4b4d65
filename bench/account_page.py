"""``account_page``: the customer's card account page for a customer of ten years.

Target (issue 15): the median time of ``/account/card/`` (the card account page: the
summary, the card, its activity and the spending and balance charts) in-process —
Django's test client, signed in, the full middleware — for a customer with ten years
of transactions (≈ 13,000) and 500 secure messages, ≤ 50 ms, and ≤ 2x the same page
for a customer with one month of history, measured in the same run. The customer home
(``/account/``, every panel) is measured the same way and judged by the same bounds.

Both customers are generated once into a SQLite file under
``var/bench/account_page/`` with its own ``VAR_DIR`` (so its own keys), by a
subprocess; later runs reuse it. Delete that directory to regenerate.
"""

from __future__ import annotations

import json
import shutil

from bench import local_django
from bench.result import Result, Target
from bench.server import BENCH_VAR

TARGET_MS = 50.0
TARGET_RATIO = 2.0
PAGE_VAR = BENCH_VAR / "account_page"
DATABASE = PAGE_VAR / "customers.sqlite3"
READY = PAGE_VAR / "ready"
BIG, SMALL = "ten.years@example.org", "one.month@example.org"
YEARS = 10
PER_DAY = 3.7
MESSAGE_COUNT = 500
REQUESTS = 60  # per page and customer, after 5 unmeasured
PAGES = ("/account/card/", "/account/")

GENERATE = f"""
import datetime as dt, json, random
import django
django.setup()
from decimal import Decimal
from partnership.accounts.tests.support import customer_make
from partnership.cards.demo import card_history_build
from partnership.core import clock
today = clock.today_in_london()
made = {{}}
for email, start in (({BIG!r}, today.replace(year=today.year - {YEARS}, day=1)),
                     ({SMALL!r}, (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1))):
    user = customer_make(email)
    account = card_history_build(
        owner_id=user.pk, rng=random.Random(len(email)), opened_on=start, today=today,
        per_day={PER_DAY}, pays_in_full=False, credit_limit=Decimal("25000.00"),
    )
    made[email] = {{"user": user.pk, "transactions": account.transactions.count()}}
{{messages}}
print(json.dumps(made, default=str))
"""

# The big customer's secure messages: 50 conversations of 10 messages each.
MESSAGES_CODE = f"""
from django.db import transaction
from partnership.inbox import services as inbox
from partnership.inbox.models import Topic
for number in range({MESSAGE_COUNT} // 10):
    with transaction.atomic():
        thread = inbox.thread_start(
            owner_id=made[{BIG!r}]["user"], topic=Topic.CARD, body=f"Question {{number}}."
        )
        for reply in range(9):
            inbox.customer_reply(thread=thread, body=f"More about {{number}}: {{reply}}.")
made[{BIG!r}]["messages"] = {MESSAGE_COUNT}
"""

MEASURE = """
import json, statistics, sys, time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from partnership.accounts.tests.support import sign_in
made = json.loads(sys.argv[1])
out = {}
for email, facts in made.items():
    client = Client(HTTP_HOST="127.0.0.1")  # a host the site allows
    sign_in(client, get_user_model().objects.get(pk=facts["user"]))
    for path in PAGES:
        for _ in range(5):
            assert client.get(path).status_code == 200, path
        times = []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, path
        out[email + " " + path] = statistics.median(times) * 1000
print(json.dumps(out))
""".replace("PAGES", repr(PAGES)).replace("REQUESTS", str(REQUESTS))


def _python(*args: str) -> str:
    return local_django.python(local_django.environment(DATABASE, PAGE_VAR / "var"), *args)


def _generate() -> dict[str, dict[str, object]]:
    if READY.exists():
        return dict(json.loads(READY.read_text()))
    shutil.rmtree(PAGE_VAR, ignore_errors=True)
    (PAGE_VAR / "var").mkdir(parents=True)
    print(
        f"  generating {YEARS} years and one month of card history (once) into {DATABASE}",
        flush=True,
    )
    _python("manage.py", "migrate", "--no-input")
    _python("manage.py", "collectstatic", "--no-input", "-v0")  # served as the site serves it
    made = _python("-c", GENERATE.replace("{messages}", MESSAGES_CODE)).strip().splitlines()[-1]
    READY.write_text(made + "\n")
    return dict(json.loads(made))


def run() -> Result:
    made = _generate()
    medians = json.loads(_python("-c", MEASURE, json.dumps(made)).strip().splitlines()[-1])
    big, small = made[BIG], made[SMALL]
    print(
        f"  {big['transactions']} transactions and {big.get('messages', 0)} messages, beside "
        f"{small['transactions']} transactions; median of "
        f"{REQUESTS} signed-in requests each, Django test client, full middleware"
    )
    targets = []
    for path in PAGES:
        large, little = medians[f"{BIG} {path}"], medians[f"{SMALL} {path}"]
        print(f"  {path:<16} ten years {large:6.1f} ms   one month {little:6.1f} ms")
        targets.append(
            Target(
                label="ms",
                value=large,
                comparison="<=",
                threshold=TARGET_MS,
                figure=f"{path} ten years  {large:.1f} ms",
                reference="bound",
                precision=1,
            )
        )
        targets.append(
            Target(
                label="ratio",
                value=large / little,
                comparison="<=",
                threshold=TARGET_RATIO,
                figure=f"{path} ten years  {large:.1f} ms",
                reference=f"one month  {little:.1f} ms",
            )
        )
    return Result(name="account_page", targets=targets, data={"medians_ms": medians, "made": made})

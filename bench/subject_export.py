"""``subject_export``: the subject access export of a customer with 10 years of card history.

Target (DESIGN.md §6, issue 4): ``partnership.privacy.export.subject_access_export`` —
every registered category collected, ``data.json`` and ``summary.html`` written into
a zip, the audit event recorded — in ≤ 2 s for a customer with ten years of
transactions (≈ 13,000), printed beside the time to merely read the same transaction
rows with ``.values_list()`` (no decryption, no model instances) in the same run.
Peak memory is reported too: Python allocations (tracemalloc, measured in a separate
pass because tracing slows the code) and the process's maximum resident size.

The history is generated once (``partnership.cards.demo.card_history_build``, seeded)
into a SQLite file under ``var/bench/subject_export/`` with its own ``VAR_DIR`` (so
its own keys), by a subprocess with ``DATABASE_URL`` set; later runs reuse it.
Delete that directory to regenerate. The developer's database is never used.
"""

from __future__ import annotations

import json
import shutil

from bench import local_django
from bench.result import Result, Target
from bench.server import BENCH_VAR

TARGET_SECONDS = 2.0
EXPORT_VAR = BENCH_VAR / "subject_export"
DATABASE = EXPORT_VAR / "history.sqlite3"
READY = EXPORT_VAR / "ready"
EMAIL = "ten.years@example.org"
YEARS = 10
PER_DAY = 3.7  # purchases a day on average: ≈ 13,000 transactions with bills and payments
ROUNDS = 3

GENERATE = f"""
import datetime as dt, random
import django
django.setup()
from django.contrib.auth import get_user_model
from partnership.cards.demo import card_history_build
from partnership.core import clock
from decimal import Decimal
today = clock.today_in_london()
user = get_user_model().objects.create_user({EMAIL!r}, None)
account = card_history_build(
    owner_id=user.pk,
    rng=random.Random(2016),
    opened_on=today.replace(year=today.year - {YEARS}, day=1),
    today=today, per_day={PER_DAY}, pays_in_full=False, credit_limit=Decimal("25000.00"),
)
print(account.transactions.count())
"""

MEASURE = f"""
import json, resource, shutil, tempfile, time, tracemalloc
from pathlib import Path
import django
django.setup()
from django.contrib.auth import get_user_model
from partnership.cards.models import Transaction
from partnership.privacy.export import subject_access_export
from partnership.privacy.subjects import data_subject_resolve, register_subject_resolver
user = get_user_model().objects.get()  # the bench database holds this one person
if data_subject_resolve(email={EMAIL!r}).user_id is None:
    # Until the Accounts app registers its resolver, the bench says who the person is.
    register_subject_resolver("bench", lambda subject: user.pk)
fields = [f.attname for f in Transaction._meta.concrete_fields]
work = Path(tempfile.mkdtemp(prefix="subject-export-"))
def export(n):
    return subject_access_export(email={EMAIL!r}, out=work / f"export-{{n}}.zip")
def read():
    return list(Transaction.objects.filter(account__owner_id=user.pk).values_list(*fields))
rows = len(read())
export_s, read_s = [], []
for n in range({ROUNDS}):
    started = time.perf_counter()
    read()
    read_s.append(time.perf_counter() - started)
    started = time.perf_counter()
    result = export(n)
    export_s.append(time.perf_counter() - started)
tracemalloc.start()
export("traced")
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
size = (work / "export-0.zip").stat().st_size
shutil.rmtree(work)
print(json.dumps({{
    "rows": rows, "counts": result.counts, "export_s": min(export_s), "read_s": min(read_s),
    "peak_bytes": peak, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "zip_bytes": size,
}}))
"""


def _python(*args: str) -> str:
    return local_django.python(local_django.environment(DATABASE, EXPORT_VAR / "var"), *args)


def _generate() -> None:
    if READY.exists():
        return
    shutil.rmtree(EXPORT_VAR, ignore_errors=True)
    (EXPORT_VAR / "var").mkdir(parents=True)
    print(f"  generating {YEARS} years of card history (once) into {DATABASE}", flush=True)
    _python("manage.py", "migrate", "--no-input")
    rows = _python("-c", GENERATE).strip().splitlines()[-1]
    READY.write_text(rows + "\n")


def run() -> Result:
    _generate()
    figures = json.loads(_python("-c", MEASURE).strip().splitlines()[-1])
    export_s, read_s = figures["export_s"], figures["read_s"]
    peak_mb = figures["peak_bytes"] / 1e6
    print(
        f"  {figures['rows']} transactions; categories {figures['counts']}; zip "
        f"{figures['zip_bytes'] / 1e6:.1f} MB; best of {ROUNDS}; peak Python allocations "
        f"{peak_mb:.0f} MB (tracemalloc), max RSS {figures['maxrss_kb'] / 1024:.0f} MB"
    )
    target = Target(
        label="s",
        value=export_s,
        comparison="<=",
        threshold=TARGET_SECONDS,
        figure=f"export {figures['rows']} transactions  {export_s:.2f} s, peak {peak_mb:.0f} MB",
        reference=f"values_list read  {read_s:.3f} s",
    )
    return Result(name="subject_export", targets=[target], data=figures)


if __name__ == "__main__":
    outcome = run()
    for line in outcome.targets:
        print(line.line())

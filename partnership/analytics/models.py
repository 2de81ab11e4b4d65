"""Aggregate visitor statistics: counts only (DESIGN P3, P4).

No table here holds an identifier, an IP address, a full user agent, a query
string or a path beyond the area name; none is personal data (docs/analytics.md).
There is no cross-tabulation: each dimension is counted in its own table.
"""

from __future__ import annotations

from django.db import models


class DailyAreaCount(models.Model):
    """Page views and unique visitors per Europe/London day and site area.

    Area ``"*"`` holds the site total: all views, and unique visitors to the site.
    """

    day = models.DateField()
    area = models.CharField(max_length=64)
    views = models.PositiveBigIntegerField(default=0)
    visitors = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "area"], name="analytics_dailyarea_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.area}"


class HourlyAreaCount(models.Model):
    """The same counts per UTC hour (truncated), kept 90 days."""

    hour = models.DateTimeField()
    area = models.CharField(max_length=64)
    views = models.PositiveBigIntegerField(default=0)
    visitors = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["hour", "area"], name="analytics_hourlyarea_unique")
        ]

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%dT%H} {self.area}"


class DailyCountryCount(models.Model):
    """Page views per day by country (ISO 3166 alpha-2, ``"ZZ"`` unknown)."""

    day = models.DateField()
    country = models.CharField(max_length=2)
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "country"], name="analytics_dailycountry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.country}"


class DailyBrowserCount(models.Model):
    """Page views per day by browser family (``ua-parser``)."""

    day = models.DateField()
    name = models.CharField(max_length=40)
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "name"], name="analytics_dailybrowser_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.name}"


class DailyDeviceCount(models.Model):
    """Page views per day by device class: desktop, mobile, tablet or other."""

    day = models.DateField()
    name = models.CharField(max_length=20)
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "name"], name="analytics_dailydevice_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.name}"


class DailyReferrerCount(models.Model):
    """Page views per day by the referring site's domain (never a path)."""

    day = models.DateField()
    name = models.CharField(max_length=253)
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "name"], name="analytics_dailyreferrer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.name}"


class AccessLogCountryCount(models.Model):
    """Requests per country of one access-log day, kept after its file is deleted."""

    day = models.DateField()
    country = models.CharField(max_length=2)
    requests = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "country"], name="analytics_accesslogcountry_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.country}"


class MonthlyCount(models.Model):
    """One complete month of a daily table added up, so long reports read few rows.

    Written by ``rollups.monthly_rollup_run`` once a month is over; reports use a
    month's rows only while its site total (``dimension="*"``) still equals the sum of
    its daily site rows, and read the daily tables otherwise (docs/analytics-reports.md).
    """

    month = models.DateField()  # the month's first day
    dimension = models.CharField(max_length=10)  # "*", area, country, browser, device, referrer
    name = models.CharField(max_length=253)
    views = models.PositiveBigIntegerField(default=0)
    visitors = models.PositiveBigIntegerField(default=0)  # sum of daily unique visitors

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "dimension", "name"], name="analytics_monthly_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.dimension} {self.name}"

"""What a benchmark returns: its figures, each judged against a reference of the same run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Comparison = Literal[">=", "<="]


class BenchError(Exception):
    """A benchmark could not produce a trustworthy figure (server down, error responses…)."""


@dataclass(frozen=True)
class Target:
    """One figure, the reference it is judged against, and the bound it must meet.

    ``figure`` and ``reference`` are the printed measurements (e.g. ``"home  1234 req/s"``
    and ``"hello  2345 req/s"``); ``value`` is what is compared with ``threshold``
    (usually their ratio, named by ``label``).
    """

    label: str
    value: float
    comparison: Comparison
    threshold: float
    figure: str
    reference: str
    precision: int = 2

    @property
    def passed(self) -> bool:
        if self.comparison == ">=":
            return self.value >= self.threshold
        return self.value <= self.threshold

    @property
    def verdict(self) -> str:
        return "PASS" if self.passed else "MISS"

    def value_text(self) -> str:
        return f"{self.value:.{self.precision}f}"

    def target_text(self) -> str:
        return f"{self.comparison} {self.threshold:.{self.precision}f}"

    def line(self) -> str:
        return (
            f"{self.figure}   {self.reference}   {self.label} {self.value_text()}"
            f"  (target {self.target_text()})  {self.verdict}"
        )

    def as_json(self) -> dict[str, object]:
        return {
            "label": self.label,
            "value": self.value,
            "comparison": self.comparison,
            "threshold": self.threshold,
            "figure": self.figure,
            "reference": self.reference,
            "passed": self.passed,
        }


@dataclass
class Result:
    """The outcome of one benchmark; ``data`` is written to ``var/bench/results.json``."""

    name: str
    targets: list[Target] = field(default_factory=list)
    data: dict[str, object] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return all(target.passed for target in self.targets)

"""Half-years (semestres), the unit in which French late-payment rates are fixed.

>>> Semester.containing(date(2025, 7, 1)).label
'2e semestre 2025'
>>> Semester(2025, 1).end
datetime.date(2025, 6, 30)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterator


@dataclass(frozen=True, order=True, slots=True)
class Semester:
    year: int
    half: int  # 1 or 2

    @classmethod
    def containing(cls, d: date) -> "Semester":
        return cls(d.year, 1 if d.month <= 6 else 2)

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    @property
    def key(self) -> str:
        """The key used by the rate tables: ``2025-S1``."""
        return f"{self.year}-S{self.half}"

    @property
    def label(self) -> str:
        return f"{'1er' if self.half == 1 else '2e'} semestre {self.year}"

    def next(self) -> "Semester":
        return Semester(self.year, 2) if self.half == 1 else Semester(self.year + 1, 1)


def split_by_semester(start: date, end: date) -> Iterator[tuple[date, date, Semester]]:
    """Cut ``start..end`` (inclusive) on 30 June and 31 December."""
    current = start
    while current <= end:
        sem = Semester.containing(current)
        stop = min(end, sem.end)
        yield current, stop, sem
        current = stop + timedelta(days=1)

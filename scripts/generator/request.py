"""What a run is asked to make."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Request:
    """The data set asked for: its size, seed and shape.

    end_date None asks for the release's undated shape; a date asks for dated orders
    up to that day, with the planted changes unless planted_change is False, and
    annotations.csv unless annotations is False. steady asks for the steady twin: the
    same customers in a steady state, no planted change.
    """

    users: int
    seed: int
    end_date: dt.date | None
    planted_change: bool = True
    steady: bool = False
    annotations: bool = True

    @property
    def writes_annotations(self) -> bool:
        return self.dated and self.annotations

    @property
    def dated(self) -> bool:
        return self.end_date is not None

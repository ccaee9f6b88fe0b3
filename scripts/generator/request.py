"""What a run is asked to make."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Request:
    """The data set asked for: its size, seed and shape.

    end_date None asks for the release's undated shape; a date asks for dated orders
    up to that day, with the planted change unless planted_change is False. steady
    asks for the steady twin: the same customers in a steady state, no planted change.
    """

    users: int
    seed: int
    end_date: dt.date | None
    planted_change: bool = True
    steady: bool = False

    @property
    def dated(self) -> bool:
        return self.end_date is not None

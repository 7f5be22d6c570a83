"""Points for the browser in few bytes: whole steps of 10**-digits degrees, each after the first
as its change from the one before. static/shared-drawings.js (storymap.unpackPoints) reads them."""

from __future__ import annotations

import numpy as np

DIGITS = 3  # about 100 m: enough for lines good to kilometres


def packed(latlon, digits: int = DIGITS) -> list[int]:
    """Points [[lat, lon], ...] as [lat0, lon0, dlat1, dlon1, ...]: a third the size of the JSON of
    the coordinates."""
    steps = np.rint(np.asarray(latlon, dtype=float).reshape(-1, 2) * 10**digits).astype(np.int64)
    return np.diff(steps, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel().tolist()


def unpacked(numbers: list[int], digits: int = DIGITS) -> list[list[float]]:
    """The points `packed` wrote (to within 10**-digits degrees)."""
    steps = np.cumsum(np.asarray(numbers, dtype=np.int64).reshape(-1, 2), axis=0)
    return (steps / 10**digits).tolist()

"""Small seeded-randomness helpers shared by the demo enterprise generator and its name and code spaces.

Split out of ``demo.enterprises`` so that ``demo.names`` and ``demo.codes`` can use the same
categorical distribution and keyed permutation without importing the generator (which imports them).
Everything here is pure: the only randomness is what the caller's ``random.Random`` hands in.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class _Weighted(Generic[T]):
    """A categorical distribution drawn from one ``rng.random()`` value: ``rng.choices`` costs ~1 µs
    per call, which alone would be seconds over a million rows and a dozen fields."""

    __slots__ = ("_cum", "_items", "_total")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self._items = [item for item, _ in pairs]
        self._cum = list(accumulate(weight for _, weight in pairs))
        self._total = self._cum[-1]

    def pick(self, u: float) -> T:
        """The item for a uniform ``u`` in [0, 1) (the caller's ``rng.random()``)."""
        return self._items[bisect_right(self._cum, u * self._total)]


_MASK64 = (1 << 64) - 1


class _Permutation:
    """A keyed bijection of ``range(n)`` (Feistel network on a square, cycle-walked down to ``n``).

    Drawing ``perm(0), perm(1), …`` visits the whole space in a random-looking order without ever
    repeating, which is how names and codes stay unique with O(1) memory.
    """

    __slots__ = ("_keys", "_side", "n")

    def __init__(self, n: int, rng: random.Random) -> None:
        if n < 1:
            raise ValueError("empty permutation space")
        self.n = n
        self._side = math.isqrt(n - 1) + 1  # side² ≥ n, and only just, so walks are rare
        self._keys = tuple(rng.getrandbits(64) for _ in range(3))  # 3 rounds suffice (Luby–Rackoff)

    def __call__(self, x: int) -> int:
        side = self._side
        while True:
            left, right = divmod(x, side)
            for key in self._keys:
                # Any round function keeps a Feistel network bijective; this one just mixes well.
                h = ((right ^ key) * 0x9E3779B97F4A7C15) & _MASK64
                left, right = right, (left + (h ^ (h >> 29))) % side
            x = left * side + right
            # Cycle walking: x started inside range(n), so following the cycle lands back inside.
            if x < self.n:
                return x

"""Small numpy helpers shared by the generator's stages."""

import numpy as np


def shares(counts) -> np.ndarray:
    """Normalise a sequence of counts to probabilities (float64)."""
    array = np.asarray(counts, dtype=np.float64)
    return array / array.sum()


def draw_categories(rng: np.random.Generator, probabilities: np.ndarray, size: int) -> np.ndarray:
    """Draw `size` indices 0..k-1 with the given probabilities (inverse CDF)."""
    cdf = np.cumsum(probabilities)
    cdf /= cdf[-1]
    return np.searchsorted(cdf, rng.random(size), side="right").astype(np.int32)


def largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Split an integer total in proportion to weights, summing exactly to total."""
    exact = weights / weights.sum() * total
    counts = np.floor(exact).astype(np.int64)
    remainder = total - counts.sum()
    counts[np.argsort(-(exact - counts), kind="stable")[:remainder]] += 1
    return counts


def exclusive_cumsum(values: np.ndarray) -> np.ndarray:
    """Cumulative sum shifted right by one, so it starts at 0."""
    return np.concatenate(([0], np.cumsum(values)[:-1]))


def sort_by_group(group: np.ndarray) -> tuple:
    """Sort line indices by group, keeping draw order within a group.

    Packs (group, index) into one int64 key so a plain np.sort (much faster than
    argsort) does the work. Returns (line index, group) in sorted order.
    """
    index_bits = max(1, int(len(group)).bit_length())
    if len(group) and int(group.max()) >= 1 << (63 - index_bits):
        raise ValueError("sort_by_group: group values too large to pack with the index")
    keys = np.sort((group.astype(np.int64) << index_bits) | np.arange(len(group), dtype=np.int64))
    return keys & ((1 << index_bits) - 1), keys >> index_bits


def new_group(sorted_values: np.ndarray) -> np.ndarray:
    """True where a run of equal values starts in a sorted array."""
    return np.concatenate(([True], sorted_values[1:] != sorted_values[:-1]))


def run_start(starts: np.ndarray) -> np.ndarray:
    """For each element, the index where its run starts (runs flagged by `starts`)."""
    return np.maximum.accumulate(np.where(starts, np.arange(len(starts)), 0))

"""Departments, aisles and products: names, ids and the weights used to draw lines."""

import numpy as np

from .arrays import draw_categories, exclusive_cumsum, largest_remainder, shares
from .calibration import (
    AISLES,
    COPY_PROPENSITY_EXPONENT,
    DEPARTMENT_REORDER_RATE,
    FULL_PRODUCTS,
    PRODUCTS_PER_AISLE_EXPONENT,
    ZIPF_EXPONENT,
)
from .vocabulary import (
    BRANDS,
    FOOD_MODIFIERS,
    FOOD_VARIANTS,
    INCH_DEPARTMENTS,
    INCH_SHARE,
    INCH_SIZES,
    NONFOOD_DEPARTMENTS,
    NONFOOD_MODIFIERS,
    NONFOOD_VARIANTS,
)


def build_departments_and_aisles():
    """Return department names, aisle names, aisle department ids and aisle line shares.

    Ids are assigned in alphabetical order of the names (1-based).
    """
    department_names = sorted({row[0] for row in AISLES})
    department_id = {name: i + 1 for i, name in enumerate(department_names)}
    aisle_rows = sorted(AISLES, key=lambda row: row[1])
    aisle_names = [row[1] for row in aisle_rows]
    aisle_department = np.array([department_id[row[0]] for row in aisle_rows], dtype=np.int32)
    aisle_lines = np.array([row[2] for row in aisle_rows], dtype=np.float64)
    aisle_nouns = [row[3].split("|") for row in aisle_rows]
    return department_names, aisle_names, aisle_department, aisle_lines / aisle_lines.sum(), aisle_nouns


def build_products(rng: np.random.Generator, aisle_share: np.ndarray, aisle_department: np.ndarray, n_products: int):
    """Assign products to aisles and give each a within-aisle popularity weight.

    Returns (aisle_id per product, department_id per product, popularity share per
    product), indexed by product_id - 1; ids are shuffled across aisles.
    """
    per_aisle = largest_remainder(aisle_share**PRODUCTS_PER_AISLE_EXPONENT, n_products)
    aisle_index = np.repeat(np.arange(len(aisle_share)), per_aisle)
    first_of_aisle = np.concatenate(([0], np.cumsum(per_aisle)[:-1]))
    rank = np.arange(n_products) - np.repeat(first_of_aisle, per_aisle) + 1
    zipf = rank.astype(np.float64) ** -ZIPF_EXPONENT
    zipf_total = np.bincount(aisle_index, weights=zipf, minlength=len(aisle_share))
    popularity = aisle_share[aisle_index] * zipf / zipf_total[aisle_index]
    order = rng.permutation(n_products)  # product_id - 1 -> catalogue position
    aisle_index = aisle_index[order]
    return (aisle_index + 1).astype(np.int32), aisle_department[aisle_index], popularity[order]


def with_space(words: np.ndarray) -> np.ndarray:
    """Append a space to each non-empty string (for joining optional name parts)."""
    return np.where(words != "", np.strings.add(words, " "), words)


def product_names(
    rng: np.random.Generator, aisle_id: np.ndarray, department_id: np.ndarray, department_names, aisle_nouns
) -> list[str]:
    """Synthesise unique product names '[size"] [Brand] [Modifier] Noun[, Variant]'.

    Within an aisle each product gets a distinct (brand, modifier, noun) triple,
    drawn by weight without replacement; nouns belong to one aisle and the optional
    size prefix and variant suffix keep names distinct, so names never repeat.
    """
    text = np.dtypes.StringDType()
    names = np.empty(len(aisle_id), dtype=text)
    inch_ids = [department_names.index(d) + 1 for d in INCH_DEPARTMENTS]
    for aisle in np.unique(aisle_id):  # one vectorised pass per aisle (134)
        members = np.flatnonzero(aisle_id == aisle)
        nonfood = department_names[department_id[members[0]] - 1] in NONFOOD_DEPARTMENTS
        modifiers = NONFOOD_MODIFIERS if nonfood else FOOD_MODIFIERS
        nouns = aisle_nouns[aisle - 1]
        weight = np.multiply.outer(
            np.multiply.outer(list(BRANDS.values()), list(modifiers.values())), np.ones(len(nouns))
        ).ravel()
        codes = rng.choice(len(weight), size=len(members), replace=False, p=weight / weight.sum())
        brand, modifier, noun = np.unravel_index(codes, (len(BRANDS), len(modifiers), len(nouns)))
        variants = NONFOOD_VARIANTS if nonfood else FOOD_VARIANTS
        variant = np.array(list(variants), dtype=text)[
            draw_categories(rng, shares(list(variants.values())), len(members))
        ]
        inch = np.array([size + '"' for size in INCH_SIZES], dtype=text)[rng.integers(0, len(INCH_SIZES), len(members))]
        inch[~np.isin(department_id[members], inch_ids) | (rng.random(len(members)) >= INCH_SHARE)] = ""
        name = np.strings.add(with_space(inch), with_space(np.array(list(BRANDS), dtype=text)[brand]))
        name = np.strings.add(name, with_space(np.array(list(modifiers), dtype=text)[modifier]))
        names[members] = np.strings.add(np.strings.add(name, np.array(nouns, dtype=text)[noun]), variant)
    return names.tolist()


def build_catalog(rng: np.random.Generator) -> dict:
    """Build departments, aisles and products plus the weights used to draw lines.

    department_share: published share of lines per department (from aisle rows);
    new_product_cdf / product_by_block: products grouped by department with their
    popularity within it (see draw_new_products); copy_propensity: how readily a
    department's products are re-bought, proportional to its reorder rate.
    """
    department_names, aisle_names, aisle_department, aisle_share, aisle_nouns = build_departments_and_aisles()
    aisle_id, department_id, popularity = build_products(rng, aisle_share, aisle_department, FULL_PRODUCTS)
    names = product_names(rng, aisle_id, department_id, department_names, aisle_nouns)
    department_share = np.bincount(aisle_department - 1, weights=aisle_share)
    by_block = np.argsort(department_id, kind="stable")
    block = department_id[by_block] - 1
    within = popularity[by_block] / department_share[block]
    cumulative = np.cumsum(within) - exclusive_cumsum(np.bincount(block, weights=within))[block]
    cumulative[np.r_[block[1:] != block[:-1], True]] = 1.0  # each block ends exactly at 1
    reorder_rate = np.array([DEPARTMENT_REORDER_RATE[name] for name in department_names])
    return {
        "department_names": department_names,
        "aisle_names": aisle_names,
        "product_names": names,
        "aisle_id": aisle_id,
        "department_id": department_id,
        "department_share": department_share,
        "new_product_cdf": block + cumulative,
        "product_by_block": by_block.astype(np.int32),
        "copy_propensity": (reorder_rate / reorder_rate.max()) ** COPY_PROPENSITY_EXPONENT,
    }

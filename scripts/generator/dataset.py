"""One run: catalogue, orders and lines drawn, files written to a staging folder and moved in."""

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import numpy as np

from .annotations import HEADER as ANNOTATIONS_HEADER
from .annotations import annotation_rows
from .catalogue import build_catalog
from .lines import build_lines
from .orders import build_all_orders
from .project import ANNOTATIONS_FILE, GENERATION_FILE, OUTPUT_FILES
from .report import generation_record
from .request import Request
from .writer import write_order_lines, write_orders_and_catalog, write_small_csv


def generate(request: Request, out: Path, progress: Callable[[str], None]) -> tuple:
    """Generate all files into a temporary folder next to `out`, then move them in.

    Returns (orders, lines, record) for the summary; `progress` gets a line per step.
    """
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    # a child added at the end leaves the earlier ones, and so earlier outputs, as they were
    seeds = np.random.SeedSequence(request.seed).spawn(6)
    catalog_seed, orders_seed, lines_seed, planted_seed, steady_seed, department_seed = seeds

    catalog = build_catalog(np.random.default_rng(catalog_seed))
    progress(
        f"catalogue: {len(catalog['product_names']):,} products, {len(catalog['aisle_names'])} aisles, "
        f"{len(catalog['department_names'])} departments"
    )
    orders = build_all_orders(np.random.default_rng(orders_seed), request, steady_seed)
    progress(f"orders: {len(orders['order_id']):,} for {request.users:,} users")

    staging = Path(tempfile.mkdtemp(prefix=".generate_data-", dir=out.parent))
    try:
        # orders.csv and the catalogue are written on a second thread (DuckDB releases
        # the GIL) while this one generates the order lines
        with ThreadPoolExecutor(max_workers=1) as pool:
            first_files = pool.submit(write_orders_and_catalog, staging, orders, catalog)
            lines = build_lines(orders, catalog, lines_seed, planted_seed, department_seed, progress)
            first_files.result()
        progress(f"wrote orders.csv ({len(orders['order_id']):,} rows) and the catalogue")
        with duckdb.connect() as con:
            for eval_code, name in ((0, "order_products__prior.csv"), (1, "order_products__train.csv")):
                rows = write_order_lines(con, staging / name, orders, lines, eval_code)
                progress(f"wrote {name} ({rows:,} rows)")
        written = [*OUTPUT_FILES, GENERATION_FILE]
        annotations = None
        if request.writes_annotations:
            rows = annotation_rows(int(orders["day"].min()), int(orders["day"].max()))
            write_small_csv(staging / ANNOTATIONS_FILE, ANNOTATIONS_HEADER, rows)
            written.append(ANNOTATIONS_FILE)
            annotations = len(rows)
        record = generation_record(request, orders, lines, catalog["department_names"], annotations)
        (staging / GENERATION_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        for name in written:
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    progress(f"done: six files, {', '.join(written[len(OUTPUT_FILES) :])} in {out}")
    return orders, lines, record

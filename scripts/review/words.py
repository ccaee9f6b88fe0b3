"""What moved, in a growth lead's words, from the rows of kpi_what_moved.

The mart decides which effects are worth naming (is_material), their order
(rank_in_split), whether one "explains most of it" (explains_most) and which driver moved
a segment's own VPAC (main_driver); this module only puts those decisions into words.
"""

DRIVER_WORDS = {"items_per_order": "items per order", "orders_per_customer": "order frequency"}
SEGMENT_DRIVER_WORDS = {"items_per_order": "baskets", "orders_per_customer": "order frequency"}


def signed(value):
    return f"{value:+.2f}"


def segment_label(name):
    """'one_time' -> 'one-time'."""
    return name.replace("_", "-")


def segment_effect_words(row):
    """'power customers' baskets', 'a shift toward new customers'."""
    segment = segment_label(row["component"])
    if row["effect"] == "rate":
        return f"{segment} customers' {SEGMENT_DRIVER_WORDS.get(row['main_driver'], 'own VPAC')}"
    # A segment's mix effect has the sign of its change of share (its VPAC is positive).
    return f"a shift {'toward' if row['contribution'] > 0 else 'away from'} {segment} customers"


def head_sentence(first, vpac_unit):
    change, previous, current = first["vpac_change"], first["previous_vpac"], first["current_vpac"]
    if round(change, 2) == 0:
        return f"VPAC held at {current:.2f} {vpac_unit} this week"
    verb = "rose" if change > 0 else "fell"
    return (
        f"VPAC {verb} {abs(change):.2f} {vpac_unit} ({first['vpac_relative_change']:+.1%}) this week, "
        f"from {previous:.2f} to {current:.2f}"
    )


def driver_clause(rows):
    named = [
        f"{signed(row['contribution'])} from {DRIVER_WORDS.get(row['component'], row['component'])}"
        for row in rows
        if row["component"] != "other"
    ]
    rest = [row for row in rows if row["component"] == "other"]
    if rest:
        named.append(f"{signed(rest[0]['contribution'])} from the rest")
    return ", ".join(named)


def effect_words(row):
    return f"{segment_effect_words(row)} ({signed(row['contribution'])}, {row['effect']})"


def segment_clause(rows):
    named = [row for row in rows if row["component"] != "other"]
    rest = [row for row in rows if row["component"] == "other"]
    text = ""
    if named:
        top, others = named[0], named[1:]
        if top["explains_most"]:
            words = segment_effect_words(top)
            verb = "explain" if words.endswith("baskets") else "explains"
            text = f"{words} {verb} most of it ({signed(top['contribution'])}, {top['effect']})"
            if others:
                text += ", with " + join_words([effect_words(row) for row in others])
        else:
            text = "the largest segment effects are " if others else "the segment effect is "
            text += join_words([effect_words(row) for row in named])
    if rest:
        count, total = rest[0]["effects_grouped"], rest[0]["contribution"]
        grouped = (
            f"{count} smaller segment effects cancel out"
            if round(total, 2) == 0
            else f"{count} smaller segment effects add {signed(total)} together"
        )
        text += ("; " if text else "") + grouped
    return text


def join_words(parts):
    """'a', 'a and b', 'a, b and c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def share(value):
    return f"{value:.0%}"


def department_clause(concentration, departments, cells):
    """Broad or concentrated over departments, in words, for VPAC's move of the week.

    concentration: the week's kpi_move_concentration row for vpac; departments: its
    kpi_department_splits rows for vpac (departments and aisles, largest part first); cells: its
    kpi_cell_splits rows (by rank). The mart decides the verdict; this names what it found.
    """
    if concentration is None:
        return ""
    if concentration["verdict"] == "broad":
        return (
            f"by department the move is broad: every department moved alike (the largest part, "
            f"{concentration['largest_department']}'s, is {share(concentration['leaders_share_of_change'])} of the "
            f"change with {share(concentration['leaders_share_of_items'])} of the items), so look at checkout, the "
            "app, supply or the data rather than at a category"
        )
    named = concentration["concentrated_in"].split(", ")
    aisles = [
        row
        for row in departments
        if row["split_by"] == "aisle" and row["department_name"] in named and row["component_name"] not in named
    ][:3]
    text = (
        f"by department the move is concentrated in {concentration['concentrated_in']}: "
        f"{share(concentration['leaders_share_of_change'])} of the change with "
        f"{share(concentration['leaders_share_of_items'])} of the items"
    )
    if aisles:
        text += (
            " (aisles: " + ", ".join(f"{row['component_name']} {signed(row['contribution'])}" for row in aisles) + ")"
        )
    if cells:
        top = cells[0]
        text += (
            f"; the largest cell is {segment_label(top['segment_name'])} customers in "
            f"{top['department_name']} ({signed(top['contribution'])})"
        )
    return text


def what_moved(rows, vpac_unit="items per active customer", departments=None):
    """The paragraph for one week: the change, its split over the drivers, then the segments;
    or, when neither VPAC nor a driver moved beyond noise (the mart's is_worth_splitting), the
    change called noise with VPAC's usual range, and no split narrated.

    rows: the week's kpi_what_moved rows. None when the week's change cannot be split.
    """
    if not rows:
        return None
    drivers = sorted((row for row in rows if row["split"] == "driver"), key=lambda row: row["rank_in_split"])
    segments = sorted((row for row in rows if row["split"] == "segment"), key=lambda row: row["rank_in_split"])
    head = head_sentence(rows[0], vpac_unit)
    if not rows[0]["is_worth_splitting"]:
        return (
            f"{head}: {rows[0]['vpac_signal_text']}. Neither VPAC nor its drivers moved beyond their usual "
            "range, so the split of this change is not a finding."
        )
    if round(rows[0]["vpac_change"], 2) == 0:
        return head + "."
    text = head
    if drivers:
        text += f": {driver_clause(drivers)}"
    if segments:
        text += f"; {segment_clause(segments)}"
    clause = department_clause(*departments) if departments else ""
    if clause:
        text += f". {clause[0].upper()}{clause[1:]}"
    return text + "."


def entry_change(vpac, vpac_unit="items per active customer"):
    """VPAC between two entries of the KPI history, and its split over the drivers (kpi_vpac_change)."""
    change, previous, current = vpac["vpac_change"], vpac["previous_vpac"], vpac["current_vpac"]
    if round(change, 2) == 0:
        return f"VPAC held at {current:.2f} {vpac_unit}."
    verb = "rose" if change > 0 else "fell"
    relative = vpac["vpac_relative_change"]
    text = f"VPAC {verb} {abs(change):.2f} {vpac_unit} ({relative:+.1%}), from {previous:.2f} to {current:.2f}"
    if vpac["contribution_orders_per_customer"] is not None:
        text += (
            f": {signed(vpac['contribution_orders_per_customer'])} from {DRIVER_WORDS['orders_per_customer']}, "
            f"{signed(vpac['contribution_items_per_order'])} from {DRIVER_WORDS['items_per_order']}"
        )
    return text + "."

"""Drawing a figure table as a chart with matplotlib (its object interface, never pyplot's
global state): grouped bars, lines over time, a heat map, stacked progress bars.

Why matplotlib rather than QtCharts: QtCharts comes only in PySide6-Addons, which must match
the PySide6 version exactly and brings QtWebEngine, Qt 3D and multimedia with it; it has no
heat map, and its SVG export goes through a paint device that turns text into paths.
matplotlib draws bars, dated lines and heat maps itself, renders offscreen with Agg (no
display, the same pixels in tests and in CI), writes PNG and SVG with text kept as text, and
its Qt canvas embeds in the window. It is imported only when the Charts tab is first opened.
"""

import textwrap
from pathlib import Path
from typing import Any

from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from annotator.core.chart_data import FigureTable

# The codebook's colours are used for tags where known; a plain palette otherwise.
PALETTE = ("#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3")


def _label(text: str, width: int = 28) -> str:
    short = text if len(text) <= width * 2 else text[: width * 2 - 1] + "…"
    return "\n".join(textwrap.wrap(short, width)) or text


def _colour(series: str, number: int, colours: dict[str, str]) -> str:
    return colours.get(series) or PALETTE[number % len(PALETTE)]


def draw(
    figure: Figure, table: FigureTable, kind: str, colours: dict[str, str], counted: str = ""
) -> Any:
    """Draw ``table`` on ``figure`` (cleared first) as ``kind``: ``bars``, ``lines``,
    ``heatmap`` or ``stacked``; ``counted`` says whose annotations are counted, under the
    title. Returns the axes."""
    figure.clear()
    axes = figure.add_subplot()
    title = f"{table.title}\n{counted}" if counted else table.title
    axes.set_title(title, fontsize=11, loc="left")
    if not table.rows or not table.columns:
        axes.text(0.5, 0.5, "Nothing to show yet", ha="center", va="center", color="#777777")
        axes.set_axis_off()
        return axes
    if kind == "heatmap":
        _heatmap(figure, axes, table)
    elif kind == "lines":
        for number, series in enumerate(table.columns):
            axes.plot(
                table.rows,
                [row[number] for row in table.values],
                marker="o",
                markersize=3,
                label=series,
                color=_colour(series, number, colours),
            )
        axes.tick_params(axis="x", labelrotation=45)
        axes.set_ylim(bottom=0)  # counts start at nothing, so that changes are not magnified
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # no half annotations
        _legend(axes)
        axes.set_ylabel("annotations")
    else:
        _bars(axes, table, colours, stacked=kind == "stacked")
    if table.note:
        figure.text(0.01, 0.01, table.note, fontsize=8, color="#555555")
    axes.spines[["top", "right"]].set_visible(False)
    figure.set_layout_engine("tight")  # laid out again at every draw: after a resize too
    return axes


def _bars(axes: Any, table: FigureTable, colours: dict[str, str], *, stacked: bool) -> None:
    count = len(table.columns)
    width = 0.8 if stacked else 0.8 / count
    positions = list(range(len(table.rows)))
    bottoms = [0] * len(table.rows)
    for number, series in enumerate(table.columns):
        heights = [row[number] for row in table.values]
        offsets = positions if stacked else [p - 0.4 + width * (number + 0.5) for p in positions]
        axes.barh(
            offsets,
            heights,
            height=width,
            left=bottoms if stacked else None,
            label=series,
            color=_colour(series, number, colours),
            gid=f"series-{number}",
        )
        if stacked:
            bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    axes.set_yticks(positions, [_label(r) for r in table.rows], fontsize=8)
    axes.invert_yaxis()  # the first row on top, as in the table
    axes.set_xlabel("articles" if stacked else "annotations")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: whole numbers only
    _legend(axes)


def _legend(axes: Any) -> None:
    # Beside the plot, never over a bar or a line (tight_layout makes room for it).
    axes.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))


def _heatmap(figure: Figure, axes: Any, table: FigureTable) -> None:
    image = axes.imshow(table.values, cmap="Blues")
    axes.set_xticks(range(len(table.columns)), [_label(c, 14) for c in table.columns], fontsize=8)
    axes.set_yticks(range(len(table.rows)), [_label(r, 14) for r in table.rows], fontsize=8)
    axes.tick_params(axis="x", labelrotation=45)
    peak = max((max(row) for row in table.values), default=0)
    for y, row in enumerate(table.values):
        for x, value in enumerate(row):
            colour = "white" if peak and value > peak * 0.6 else "black"
            axes.text(x, y, str(value), ha="center", va="center", fontsize=8, color=colour)
    figure.colorbar(image, ax=axes, shrink=0.8)


def save(figure: Figure, path: Path) -> None:
    """Write the chart as PNG or SVG (by the extension); SVG keeps its text as text."""
    from annotator.core.files import atomic_path  # noqa: PLC0415

    suffix = path.suffix.lower().lstrip(".") or "png"
    with atomic_path(path) as partial, rc_context({"svg.fonttype": "none"}):
        figure.savefig(partial, format=suffix, dpi=150, metadata=_metadata(suffix))


def _metadata(suffix: str) -> dict[str, Any]:
    # No creation date in the file: the same chart gives the same bytes.
    return {"Date": None} if suffix == "svg" else {}

"""Charts for the report, drawn with matplotlib into SVG text (no display, no
pyplot state: each chart is its own Figure)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure

from corridor.situation.estimates import Estimate
from corridor.situation.projection import OPEN_ENDED_FACTOR, Projection

PALETTE = (
    "#1b6ca8",
    "#d1495b",
    "#edae49",
    "#00798c",
    "#6a4c93",
    "#66a182",
    "#8d6a9f",
    "#3d405b",
)
INK = "#222222"


def _x(day: dt.date) -> float:
    """A date as matplotlib's axis number (its date locators read these)."""
    return float(date2num(day))


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _style(ax: object) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)  # type: ignore[attr-defined]
    ax.tick_params(labelsize=8, colors=INK)  # type: ignore[attr-defined]
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)  # type: ignore[attr-defined]
    ax.set_axisbelow(True)  # type: ignore[attr-defined]


def timeline(
    indicator: str,
    unit: str,
    estimates: Sequence[Estimate],
    span: tuple[dt.date, dt.date] | None = None,
) -> str:
    """Every claim on ``indicator`` as a range over time, coloured by source,
    with the estimates' central values joined by a dashed line. ``span`` fixes
    the date axis, so the timelines of one report line up."""
    figure = Figure(figsize=(7.0, 2.3))
    ax = figure.subplots()
    colours: dict[str, str] = {}
    for estimate in estimates:
        for item in estimate.evidence:
            if item.on is None:
                continue
            colour = colours.setdefault(
                item.source, PALETTE[len(colours) % len(PALETTE)]
            )
            low = item.low if item.low is not None else 0.0
            high = item.high if item.high is not None else low * OPEN_ENDED_FACTOR
            if high > low:
                ax.vlines(
                    _x(item.on), low, high, colors=colour, linewidth=3, alpha=0.55
                )
            marker = "^" if item.high is None else "o"
            ax.plot(
                [_x(item.on)],
                [item.point or low],
                marker=marker,
                color=colour,
                markersize=5,
                linestyle="none",
            )
    centrals = [
        (e.newest, e.central)
        for e in estimates
        if e.newest is not None and e.central is not None
    ]
    if len(centrals) > 1:
        ax.plot(
            [_x(d) for d, _ in centrals],
            [c for _, c in centrals],
            linestyle="--",
            color=INK,
            linewidth=0.8,
            label="central estimate",
        )
    for source, colour in colours.items():
        ax.plot([], [], marker="o", color=colour, linestyle="none", label=source)
    _style(ax)
    ax.set_title(indicator, fontsize=9, loc="left", color=INK)
    ax.set_ylabel(unit, fontsize=8, color=INK)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(lambda value, _pos: f"{value:,.0f}")
    if span is not None:
        pad = dt.timedelta(days=max(2, (span[1] - span[0]).days // 30))
        ax.set_xlim(_x(span[0] - pad), _x(span[1] + pad))
    locator = AutoDateLocator(minticks=3, maxticks=7)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _svg(figure)


def projection(result: Projection) -> str:
    """Share of draws out of food by each day, with the P10-P90 band shaded."""
    figure = Figure(figsize=(7.0, 2.6))
    ax = figure.subplots()
    horizon = max(result.days_left_p90 * 1.5, 7.0)
    pairs = [
        (d, f)
        for d, f in zip(result.days, result.fraction_out, strict=True)
        if d <= horizon
    ]
    dates = [result.as_of + dt.timedelta(days=d) for d, _ in pairs]
    ax.axvspan(
        _x(result.p10),
        _x(result.p90 + dt.timedelta(days=1)),
        color=PALETTE[0],
        alpha=0.12,
        label="P10-P90 of the depletion date",
    )
    ax.step(
        [_x(d) for d in dates],
        [100 * f for _, f in pairs],
        where="post",
        color=PALETTE[0],
        linewidth=1.6,
        label="share of draws out of food",
    )
    marks: dict[dt.date, list[str]] = {}
    for label, day in (("P10", result.p10), ("P50", result.p50), ("P90", result.p90)):
        marks.setdefault(day, []).append(label)
    # Labels inside the plot, stepped down so that close dates do not collide.
    for step, (day, labels) in enumerate(sorted(marks.items())):
        ax.axvline(_x(day), color=INK, linewidth=0.7, linestyle=":")
        ax.annotate(
            f" {'='.join(labels)} {day:%d %b}",
            (_x(day), 92 - 10 * step),
            fontsize=7,
            color=INK,
            ha="left",
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"},
        )
    ax.axvline(_x(result.as_of), color=PALETTE[1], linewidth=1.0)
    ax.annotate(
        f"as of {result.as_of:%d %b} ",
        (_x(result.as_of), 50),
        fontsize=7,
        color=PALETTE[1],
        ha="right",
        bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"},
    )
    _style(ax)
    start = min(result.p10, result.as_of) - dt.timedelta(days=2)
    ax.set_xlim(_x(start), _x(max(dates[-1], result.p90) + dt.timedelta(days=5)))
    ax.set_ylim(0, 101)
    ax.set_ylabel("% of draws out of food", fontsize=8, color=INK)
    locator = AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.legend(fontsize=7, frameon=False, loc="lower right")
    return _svg(figure)

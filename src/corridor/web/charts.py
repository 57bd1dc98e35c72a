"""A small inline SVG of the projection curve (no JavaScript needed)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

WIDTH, HEIGHT, PAD, LEFT = 640, 240, 48, 76


def curve_svg(days: Sequence[int], fraction: Sequence[float]) -> Markup | None:
    """Share of draws out of food by day after the as-of date, as a line."""
    if len(days) < 2:
        return None
    last = max(days[-1], 1)

    def x(day: float) -> float:
        return LEFT + (WIDTH - LEFT - PAD) * day / last

    def y(share: float) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * share

    points = " ".join(
        f"{x(d):.1f},{y(f):.1f}" for d, f in zip(days, fraction, strict=False)
    )
    ticks = "".join(
        f'<text x="{LEFT - 8}" y="{y(s) + 5:.1f}" text-anchor="end">{int(s * 100)}%'
        f'</text><line x1="{LEFT}" x2="{WIDTH - PAD}" y1="{y(s):.1f}" '
        f'y2="{y(s):.1f}" class="grid"/>'
        for s in (0, 0.5, 1)
    )
    labels = "".join(
        f'<text x="{x(d):.1f}" y="{HEIGHT - PAD + 24}" text-anchor="middle">{d}</text>'
        for d in sorted({0, last // 2, last})
    )
    return Markup(
        f'<svg class="curve" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-label="Share of simulations in which food has run out, by days '
        'after the as-of date">'
        f"{ticks}{labels}"
        f'<polyline points="{points}" class="line"/>'
        f'<text x="{(WIDTH + LEFT - PAD) / 2}" y="{HEIGHT - 2}" text-anchor="middle">'
        "days after the as-of date</text></svg>"
    )

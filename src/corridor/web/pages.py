"""Pages to read: areas, an area's overview, conflicts, corridors, projection,
documents. Server-rendered, readable without JavaScript (the map is the only
part that needs it)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from corridor.errors import NotFoundError, ProjectionError
from corridor.extract import INDICATORS, MODALITIES
from corridor.situation.inputs import projection_inputs
from corridor.situation.projection import Projection, project
from corridor.store import evidence
from corridor.web import data, geo, views
from corridor.web.access import options_of, reader, store_of
from corridor.web.charts import curve_svg
from corridor.web.highlight import Span, highlight
from corridor.web.templating import render

router = APIRouter(dependencies=[Depends(reader)])

AsOf = Annotated[dt.date | None, Query()]
PAGE = 50


@router.get("/", response_class=HTMLResponse)
def areas(request: Request) -> HTMLResponse:
    items = data.areas(store_of(request))
    return render(request, "areas.html.j2", areas=items)


def _projection(
    request: Request, area: str, as_of: dt.date | None
) -> tuple[Projection | None, str | None]:
    try:
        inputs = projection_inputs(store_of(request), area, as_of)
        return project(inputs, draws=options_of(request).draws), None
    except (NotFoundError, ProjectionError) as exc:
        return None, str(exc)


def _map(request: Request, area: str) -> dict[str, Any] | None:
    centre = geo.point(area)
    outline = request.app.state.outlines.get(area)
    if centre is None:
        return None
    around = [
        {"name": name, **spot}
        for name in geo.nearby(area)
        if (spot := geo.point(name)) is not None
    ]
    return {"centre": centre, "places": around, "outline": outline}


@router.get("/areas/{area}", response_class=HTMLResponse)
def area(request: Request, area: str, as_of: AsOf = None) -> HTMLResponse:
    picture = data.situation(store_of(request), area, as_of)
    name = picture.area or area
    projection, why_not = _projection(request, name, as_of)
    return render(
        request,
        "area.html.j2",
        area=name,
        as_of=as_of,
        picture=picture,
        cards=views.cards(picture, name),
        window=views.window,
        projection=projection,
        projection_problem=why_not,
        map=_map(request, name),
        tab="overview",
    )


@router.get("/areas/{area}/conflicts", response_class=HTMLResponse)
def conflicts(request: Request, area: str, as_of: AsOf = None) -> HTMLResponse:
    picture = data.situation(store_of(request), area, as_of)
    return render(
        request,
        "conflicts.html.j2",
        area=picture.area or area,
        units=INDICATORS,
        as_of=as_of,
        picture=picture,
        window=views.window,
        tab="conflicts",
    )


@router.get("/areas/{area}/corridors", response_class=HTMLResponse)
def corridors(request: Request, area: str, as_of: AsOf = None) -> HTMLResponse:
    picture = data.situation(store_of(request), area, as_of)
    return render(
        request,
        "corridors.html.j2",
        area=picture.area or area,
        as_of=as_of,
        picture=picture,
        tab="corridors",
    )


@router.get("/areas/{area}/projection", response_class=HTMLResponse)
def projection(request: Request, area: str, as_of: AsOf = None) -> HTMLResponse:
    picture = data.situation(store_of(request), area, as_of)
    name = picture.area or area
    result, why_not = _projection(request, name, as_of)
    chart = None if result is None else curve_svg(result.days, result.fraction_out)
    return render(
        request,
        "projection.html.j2",
        area=name,
        as_of=as_of,
        projection=result,
        projection_problem=why_not,
        chart=chart,
        tab="projection",
    )


@router.get("/documents", response_class=HTMLResponse)
def documents(
    request: Request,
    page: Annotated[int, Query(ge=1)] = 1,
    kind: Annotated[
        str | None, Query(pattern="^(news|editorial|agency|witness)?$")
    ] = None,
) -> HTMLResponse:
    kind = kind or None
    total, rows = data.document_page(
        store_of(request), kind=kind, limit=PAGE, offset=(page - 1) * PAGE
    )
    return render(
        request,
        "documents.html.j2",
        documents=rows,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE)),
        kind=kind,
        kinds=data.KINDS,
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document(request: Request, document_id: str) -> HTMLResponse:
    store = store_of(request)
    full = data.resolve_document(store, document_id)
    found = data.document(store, full)
    claims = data.claims(store, evidence.ClaimFilter(document=full))
    spans = [Span(c["id"], c["start"], c["end"]) for c in claims]
    return render(
        request,
        "document.html.j2",
        document=found,
        claims=claims,
        text=highlight(found["text"], spans),
        indicators=list(INDICATORS),
        modalities=list(MODALITIES),
    )

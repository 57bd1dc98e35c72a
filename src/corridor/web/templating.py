"""Jinja2 pages: autoescaped, every page given the signed-in user and the
session's CSRF token."""

from __future__ import annotations

from typing import Any

import jinja2
from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse

from corridor import __version__
from corridor.web import format
from corridor.web.access import csrf_token, current_user, has_users, options_of


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("corridor.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["figure"] = format.figure
    env.filters["number"] = format.number
    env.filters["short"] = format.short
    env.filters["label"] = format.label
    env.globals["version"] = __version__
    return env


def render(
    request: Request, template: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    env: jinja2.Environment = request.app.state.templates
    try:
        user = current_user(request)
    except HTTPException:  # a bad token must not hide the error page itself
        user = None
    page = env.get_template(template).render(
        request=request,
        user=user,
        csrf=csrf_token(request),
        read_only=not has_users(request),
        options=options_of(request),
        **context,
    )
    return HTMLResponse(page, status_code=status_code)

"""The app factory, the one JSON error shape, and ``serve``."""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from corridor import __version__
from corridor.errors import (
    ConfigError,
    CorridorError,
    InputError,
    IntegrityError,
    NotFoundError,
    ProjectionError,
)
from corridor.settings import Settings
from corridor.store.engine import open_store
from corridor.web import api, forms, geo, pages
from corridor.web.config import WebOptions
from corridor.web.limits import FORM_OVERHEAD, BodyLimit, BodyTooLarge, SignInThrottle
from corridor.web.templating import environment, render

STATIC = Path(__file__).parent / "static"
SESSION_HOURS = 12
logger = logging.getLogger("corridor.web")


def error_body(status: int, message: str) -> dict[str, object]:
    """The one error shape of the API."""
    return {"ok": False, "error": message, "status": status}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _status_of(exc: CorridorError) -> int:
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, InputError | ConfigError | ProjectionError):
        return 422
    if isinstance(exc, IntegrityError):
        return 409
    return 503


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = [str(p) for p in error.get("loc", ()) if p not in ("body",)]
        place = ""
        if len(where) >= 2:
            place = f"{where[0]} parameter {where[-1]!r}: "
        elif where:
            place = f"{where[0]}: "
        parts.append(place + str(error.get("msg", "is not valid")))
    return "; ".join(parts) or "the request is not valid"


def _error(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    if _is_api(request):
        return JSONResponse(error_body(status, message), status, headers=headers)
    if status == 401:
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        return RedirectResponse(f"/login?next={quote(target, safe='')}", 303)
    return render(request, "error.html.j2", status, status=status, message=message)


def _install_errors(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return _error(request, exc.status_code, message, dict(exc.headers or {}))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return _error(request, 422, _validation_message(exc))

    async def corridor_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, CorridorError)
        return _error(request, _status_of(exc), str(exc))

    async def too_large(request: Request, exc: Exception) -> Response:
        return _error(request, 413, str(exc))

    async def crash(request: Request, exc: Exception) -> Response:
        logger.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(request, 500, "internal error: the server log has the details")

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(CorridorError, corridor_error)
    app.add_exception_handler(BodyTooLarge, too_large)
    app.add_exception_handler(Exception, crash)


def _content_policy(options: WebOptions) -> str:
    images = "'self' data:"
    if options.tile_origin:
        images += f" {options.tile_origin}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src {images}; connect-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


def create_app(settings: Settings, options: WebOptions | None = None) -> FastAPI:
    """The corridor web app over the store ``settings.db``.

    ``options`` default to :meth:`WebOptions.from_env`. The store is opened
    here and closed when the app shuts down.
    """
    options = options if options is not None else WebOptions.from_env()
    outlines = geo.load_outlines(options.outlines) if options.outlines else {}
    store = open_store(settings.db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="corridor",
        version=__version__,
        summary="Sourced situation pictures of besieged areas, as JSON.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.options = options
    app.state.store = store
    app.state.templates = environment()
    app.state.extractor = None
    app.state.extractor_lock = threading.Lock()
    app.state.throttle = SignInThrottle()
    app.state.outlines = outlines

    policy = _content_policy(options)

    @app.middleware("http")
    async def headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        if not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.add_middleware(
        SessionMiddleware,
        secret_key=options.secret_key or secrets.token_urlsafe(48),
        session_cookie="corridor_session",
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
        https_only=options.secure_cookies,
    )
    app.add_middleware(BodyLimit, limit=settings.max_bytes + FORM_OVERHEAD)
    _install_errors(app)
    app.include_router(api.router, prefix="/api/v1", tags=["api"])
    app.include_router(forms.router, include_in_schema=False)
    app.include_router(pages.router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8000,
    options: WebOptions | None = None,
) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(
        create_app(settings, options),
        host=host,
        port=port,
        ws="none",
        server_header=False,
        proxy_headers=False,
        log_level="info",
    )

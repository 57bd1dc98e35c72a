"""Web: the JSON API (``/api/v1``) and the dashboard pages, over one store.

>>> from corridor.web import create_app, serve, add_user
>>> app = create_app(Settings(db="corridor.db"))
"""

from corridor.web.app import create_app, error_body, serve
from corridor.web.config import WebOptions
from corridor.web.users import ROLES, User, add_user, create_token

__all__ = [
    "ROLES",
    "User",
    "WebOptions",
    "add_user",
    "create_app",
    "create_token",
    "error_body",
    "serve",
]

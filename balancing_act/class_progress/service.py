"""The class's progress service: a JupyterHub service that the Hub starts, stops and restarts.

The Hub runs ``python -m balancing_act.class_progress`` (``deploy/jupyterhub_config.py``) and
routes ``/services/class-progress/`` to it. Everyone is authenticated by the Hub:

=========================  ===================================================================
``POST api/attempts``      a student's kernel sends its attempts, with the Hub's token for that
                           student (:mod:`balancing_act.selfcheck.sending`); stored under the
                           user the Hub names, never a name in the request
``GET api/me``             what the service keeps about the caller (JSON); ``DELETE`` deletes it
``me``                     the same as a page, with a button that deletes it all
(the prefix itself)        the class page: instructors only (the Hub's login, then the Unix
                           group of instructors); everyone else is refused
``GET api/class``          the class page's figures as JSON (instructors)
``PUT api/items/<a>``      the grader sends assignment ``a``'s item statistics (instructors)
=========================  ===================================================================

Settings, from the environment the Hub gives the service:

=========================  ===================================================================
BA_PROGRESS_DB_URL         the database (default: SQLite in ``BA_HUB_STATE``)
BA_PROGRESS_KEEP_DAYS      days a record is kept after it arrived (default 120: a term)
BA_PROGRESS_SHOW_NAMES     ``1``: the class page shows user names; otherwise pseudonyms
BA_HUB_INSTRUCTORS         the instructors' Unix group (as for the Hub)
BA_HUB_STATE               the Hub's state folder (the database, the pseudonyms' secret)
=========================  ===================================================================
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import ioloop, web
from tornado.httpserver import HTTPServer

from ..course.hub import in_group
from . import page, store, summary

#: Attempts one request may carry (a kernel sends at most sending.BATCH at a time).
MAX_BATCH = 1000
HOUR_MS = 3_600_000


class Settings:
    """The service's settings, read once at start from its environment."""

    def __init__(self, environ=os.environ):
        state = Path(environ.get("BA_HUB_STATE", "/srv/jupyterhub"))
        self.state = state
        self.db_url = (
            environ.get("BA_PROGRESS_DB_URL") or f"sqlite:///{state / 'class-progress.sqlite'}"
        )
        self.keep_days = int(environ.get("BA_PROGRESS_KEEP_DAYS", "120"))
        self.show_names = environ.get("BA_PROGRESS_SHOW_NAMES", "") == "1"
        self.instructors = environ.get("BA_HUB_INSTRUCTORS", "ba-instructors")
        self.prefix = environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/class-progress/")
        self.secret = _secret(state / "class-progress-pseudonyms")


def _secret(path: Path) -> bytes:
    """The key of the pseudonyms: made once, readable by the service alone."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(key)
        return key


def pseudonym(secret: bytes, user: str) -> str:
    """A name for ``user`` that is the same on every visit and tells nobody who it is."""
    return "student-" + hmac.new(secret, user.encode(), hashlib.sha256).hexdigest()[:6]


class Base(HubOAuthenticated, web.RequestHandler):
    def initialize(self, settings: Settings, engine):
        self.config, self.engine = settings, engine

    def check_xsrf_cookie(self):
        # Tornado checks before the handler runs; the Hub's check skips requests that carry a
        # token (a kernel's), which it knows only once the user is looked up.
        _ = self.current_user
        return super().check_xsrf_cookie()

    @property
    def user_name(self) -> str:
        return self.current_user["name"]

    def is_instructor(self) -> bool:
        return self.current_user.get("kind", "user") == "user" and in_group(
            self.user_name, self.config.instructors
        )

    def instructors_only(self) -> None:
        if not self.is_instructor():
            raise web.HTTPError(403, "the class page is for the course's instructors")

    def write_error(self, status_code: int, **kwargs) -> None:
        # A kernel or a script reads why; a person sees the same sentence.
        reason = self._reason
        error = kwargs.get("exc_info", (None, None))[1]
        if isinstance(error, web.HTTPError) and error.log_message:
            reason = error.log_message
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"error": reason}))

    def write_json(self, data, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(data))


class Attempts(Base):
    @web.authenticated
    def post(self):
        try:
            body = json.loads(self.request.body or b"{}")
            records = body["attempts"]
            if not isinstance(records, list) or len(records) > MAX_BATCH:
                raise ValueError(f"'attempts' must be a list of at most {MAX_BATCH}")
            stored, known = store.add(self.engine, self.user_name, records)
        except (ValueError, KeyError, TypeError) as error:
            raise web.HTTPError(400, f"not attempts: {error}") from error
        self.write_json({"stored": stored, "already_stored": known})


class Mine(Base):
    @web.authenticated
    def get(self):
        self.write_json(
            {"user": self.user_name, "records": store.of_user(self.engine, self.user_name)}
        )

    @web.authenticated
    def delete(self):
        self.write_json({"deleted": store.delete_user(self.engine, self.user_name)})


class MinePage(Base):
    @web.authenticated
    def get(self):
        records = store.of_user(self.engine, self.user_name)
        delete_url = url_path_join(self.config.prefix, "me/delete")
        self.finish(
            page.own_page(
                self.user_name, records, self.xsrf_form_html(), delete_url, self.config.show_names
            )
        )


class DeleteMine(Base):
    @web.authenticated
    def post(self):
        store.delete_user(self.engine, self.user_name)
        self.redirect(url_path_join(self.config.prefix, "me"))


def figures(engine, now: datetime):
    attempts = store.all_attempts(engine)
    checks = summary.checks(attempts)
    return attempts, checks, summary.lessons(checks, attempts), summary.stuck_now(attempts, now)


class ClassPage(Base):
    @web.authenticated
    def get(self):
        self.instructors_only()
        now = datetime.now(UTC)
        _, checks, lessons, stuck = figures(self.engine, now)
        self.finish(
            page.class_page(
                checks,
                lessons,
                stuck,
                store.item_tables(self.engine),
                self.display_name,
                now,
                self.config.show_names,
            )
        )

    def display_name(self, user: str) -> str:
        return user if self.config.show_names else pseudonym(self.config.secret, user)


class ClassFigures(ClassPage):
    @web.authenticated
    def get(self):
        self.instructors_only()
        now = datetime.now(UTC)
        _, checks, lessons, stuck = figures(self.engine, now)
        self.write_json(
            {
                "checks": [
                    {
                        "lesson": c.lesson,
                        "key": c.key,
                        "tried": c.tried,
                        "first_try_right": c.first_try_right,
                        "right": c.right,
                        "unblocked": c.unblocked,
                        "mistakes": c.mistakes,
                        "distractors": c.distractors,
                        "shown": c.shown,
                    }
                    for c in checks
                ],
                "lessons": [vars(lesson) for lesson in lessons],
                "stuck": [
                    {
                        "student": self.display_name(s.user),
                        "lesson": s.lesson,
                        "key": s.key,
                        "wrong": s.wrong,
                        "since": s.since.isoformat(),
                    }
                    for s in stuck
                ],
                "items": store.item_tables(self.engine),
            }
        )


class Items(Base):
    @web.authenticated
    def put(self, assignment: str):
        self.instructors_only()
        try:
            table = json.loads(self.request.body)
            if not isinstance(table, list) or not all(isinstance(r, dict) for r in table):
                raise ValueError("a list of rows")
        except ValueError as error:
            raise web.HTTPError(400, f"not item statistics: {error}") from error
        store.put_items(self.engine, assignment, table)
        self.write_json({"assignment": assignment, "items": len(table)})


def make_app(settings: Settings, engine) -> web.Application:
    prefix = settings.prefix
    arguments = {"settings": settings, "engine": engine}
    return web.Application(
        [
            (prefix, ClassPage, arguments),
            (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
            (url_path_join(prefix, "api/attempts"), Attempts, arguments),
            (url_path_join(prefix, "api/me"), Mine, arguments),
            (url_path_join(prefix, "me"), MinePage, arguments),
            (url_path_join(prefix, "me/delete"), DeleteMine, arguments),
            (url_path_join(prefix, "api/class"), ClassFigures, arguments),
            (url_path_join(prefix, r"api/items/([A-Za-z0-9_.-]+)"), Items, arguments),
        ],
        cookie_secret=secrets.token_bytes(32),
        xsrf_cookies=True,
    )


def main() -> None:
    from urllib.parse import urlparse

    settings = Settings()
    engine = store.connect(settings.db_url)
    store.forget_older_than(engine, settings.keep_days)
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    server = HTTPServer(make_app(settings, engine), xheaders=True)
    server.listen(url.port, url.hostname)
    # Records older than the guide's retention leave every hour, not only at start.
    ioloop.PeriodicCallback(
        lambda: store.forget_older_than(engine, settings.keep_days), HOUR_MS
    ).start()
    ioloop.IOLoop.current().start()

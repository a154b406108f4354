"""JupyterHub for one class of Balancing Act on one server.

Who is who comes from Unix groups: members of ``ba-instructors`` are the course's instructors
(and the Hub's admins), members of ``ba-students`` are its students; nobody else may log in.
Each person's JupyterLab runs as their own Unix account (LocalProcessSpawner) in the course
environment, and nbgrader's exchange (a world-writable folder with the sticky bit) carries
assignments out and submissions and feedback back. deploy/README.md is the guide, step by step.

Every site-specific value can be set with an environment variable when starting the Hub; the
defaults are those of the guide:

=========================  =============================================================
BA_HUB_BIND_URL            public URL (default ``http://127.0.0.1:8000``; see the guide on TLS)
BA_HUB_SSL_CERT/_KEY       certificate and key, when the Hub serves HTTPS itself
BA_HUB_AUTH                ``pam`` (default: local Unix accounts and passwords) or ``dummy``
                           (any password; refused unless the Hub listens on loopback only)
BA_HUB_STATE               the Hub's own files: database, cookie secret (``/srv/jupyterhub``)
BA_HUB_EXCHANGE            nbgrader's exchange (``/srv/nbgrader/exchange``)
BA_HUB_COURSE_ENV          the course's Python environment (this checkout's ``.venv``)
BA_HUB_INSTRUCTORS         the instructors' Unix group (``ba-instructors``)
BA_HUB_STUDENTS            the students' Unix group (``ba-students``)
BA_HUB_COURSE_FOLDER       the instructor's course clone, under their home (``balancing-act``)
BA_HUB_PROXY               the ``configurable-http-proxy`` command (default: the one that
                           ``npm ci --prefix deploy`` installs, else the one on PATH)
BA_PROGRESS_PORT           the loopback port of the class's progress service (``8010``)
BA_PROGRESS_DB_URL         its database (default: SQLite in BA_HUB_STATE; a PostgreSQL URL
                           for a big class)
BA_PROGRESS_KEEP_DAYS      days it keeps a student's attempts (``120``)
BA_PROGRESS_SHOW_NAMES     ``1``: the class page shows names (tell students so); otherwise
                           pseudonyms
=========================  =============================================================
"""

import grp
import ipaddress
import os
import pwd
import stat
from pathlib import Path
from urllib.parse import urlparse

from balancing_act.course.hub import in_group  # the course environment runs the Hub

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

DEPLOY = Path(__file__).resolve().parent
CHECKOUT = DEPLOY.parent
env = os.environ.get

BIND_URL = env("BA_HUB_BIND_URL", "http://127.0.0.1:8000")
AUTH = env("BA_HUB_AUTH", "pam")
STATE = Path(env("BA_HUB_STATE", "/srv/jupyterhub"))
EXCHANGE = Path(env("BA_HUB_EXCHANGE", "/srv/nbgrader/exchange"))
COURSE_ENV = Path(env("BA_HUB_COURSE_ENV", str(CHECKOUT / ".venv")))
INSTRUCTORS = env("BA_HUB_INSTRUCTORS", "ba-instructors")
STUDENTS = env("BA_HUB_STUDENTS", "ba-students")
COURSE_FOLDER = env("BA_HUB_COURSE_FOLDER", "balancing-act")
LOCAL_PROXY = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
PROXY = env("BA_HUB_PROXY") or (
    str(LOCAL_PROXY) if LOCAL_PROXY.exists() else "configurable-http-proxy"
)

# Jupyter config folders handed to the single-user servers (see deploy/jupyter/*/).
CLASS_CONFIG = DEPLOY / "jupyter" / "class"  # nbgrader: course id, exchange, instructor's course
STUDENT_CONFIG = DEPLOY / "jupyter" / "student"  # hides the instructor-only nbgrader panels
LESSONS_CONFIG = DEPLOY / "jupyter" / "lessons"  # lists each lesson once (no MyST sources)


class ClassConfigError(RuntimeError):
    """The server is not set up as deploy/README.md says; the message says what to fix."""


def _loopback_only(url: str) -> bool:
    host = urlparse(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # an empty host ("http://:8000") means every interface


def _members(group: str) -> set[str]:
    """Everyone whose primary or supplementary group is ``group``."""
    try:
        entry = grp.getgrnam(group)
    except KeyError as error:
        raise ClassConfigError(
            f"the Unix group {group!r} does not exist (see deploy/README.md)"
        ) from error
    primary = {p.pw_name for p in pwd.getpwall() if p.pw_gid == entry.gr_gid}
    return set(entry.gr_mem) | primary


# --- checks: fail at start-up, with a message, rather than half-work in class -----------------

if not (COURSE_ENV / "bin" / "jupyterhub-singleuser").exists():
    raise ClassConfigError(
        f"{COURSE_ENV} is not the course environment: it has no bin/jupyterhub-singleuser. "
        "Run `make env` in the course checkout (or set BA_HUB_COURSE_ENV)."
    )
if not EXCHANGE.is_dir():
    raise ClassConfigError(
        f"nbgrader's exchange {EXCHANGE} does not exist: "
        f"`install -d -m 1777 {EXCHANGE}` (or set BA_HUB_EXCHANGE)."
    )
if EXCHANGE.stat().st_mode & 0o1777 != 0o1777:
    raise ClassConfigError(
        f"nbgrader's exchange {EXCHANGE} must be world-writable with the sticky bit: "
        f"`chmod 1777 {EXCHANGE}`."
    )

# --- the Hub and its proxy ---------------------------------------------------------------------

c.JupyterHub.bind_url = BIND_URL
if env("BA_HUB_SSL_CERT"):
    c.JupyterHub.ssl_cert = env("BA_HUB_SSL_CERT")
    c.JupyterHub.ssl_key = env("BA_HUB_SSL_KEY")
STATE.mkdir(mode=0o700, parents=True, exist_ok=True)
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.command = [PROXY]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
# Stopping the Hub stops the proxy and everyone's server, so nothing runs unattended.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# --- who may log in ------------------------------------------------------------------------------

if AUTH == "pam":
    # Local Unix accounts and their passwords; the class is whoever is in the two groups.
    c.JupyterHub.authenticator_class = "pam"
    c.PAMAuthenticator.allowed_groups = {INSTRUCTORS, STUDENTS}
    c.PAMAuthenticator.admin_groups = {INSTRUCTORS}
elif AUTH == "dummy":
    # For trying the Hub out on one's own machine: any password is accepted.
    if not _loopback_only(BIND_URL):
        raise ClassConfigError(
            f"BA_HUB_AUTH=dummy accepts any password; it is refused on {BIND_URL}. "
            "Use it with a loopback address (127.0.0.1) only."
        )
    c.JupyterHub.authenticator_class = "dummy"
    c.Authenticator.allowed_users = _members(INSTRUCTORS) | _members(STUDENTS)
    c.Authenticator.admin_users = _members(INSTRUCTORS)
else:
    raise ClassConfigError(
        f"BA_HUB_AUTH={AUTH!r}: use 'pam', or 'dummy' on loopback; for OAuth see deploy/README.md"
    )

# --- everyone's JupyterLab ---------------------------------------------------------------------

c.JupyterHub.spawner_class = "localprocess"
# A wrapper that gives a student a personal copy of the lessons, then starts the server.
c.Spawner.cmd = [str(DEPLOY / "singleuser")]
c.Spawner.env_keep = ["LANG", "LC_ALL"]  # nothing else leaks from the Hub's environment
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90


def _is_instructor(spawner) -> bool:
    return in_group(spawner.user.name, INSTRUCTORS)


def _config_path(spawner) -> str:
    if _is_instructor(spawner):
        return str(CLASS_CONFIG)
    return os.pathsep.join([str(STUDENT_CONFIG), str(LESSONS_CONFIG), str(CLASS_CONFIG)])


def _course_root(spawner) -> str:
    if _is_instructor(spawner):
        return str(Path(pwd.getpwnam(spawner.user.name).pw_dir) / COURSE_FOLDER)
    return ""


def _lessons(spawner) -> str:
    return "" if _is_instructor(spawner) else str(CHECKOUT / "lessons")


c.Spawner.environment = {
    # The course environment first: its python, jupyter, nbgrader (and alembic, which nbgrader
    # starts from PATH to create a gradebook).
    "PATH": f"{COURSE_ENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
    "BA_COURSE_ENV": str(COURSE_ENV),
    "BA_HUB_EXCHANGE": str(EXCHANGE),
    "JUPYTER_CONFIG_PATH": _config_path,
    "BA_COURSE_ROOT": _course_root,
    "BA_LESSONS": _lessons,
}


# --- the class's progress service ----------------------------------------------------------------
# Students' kernels send their self-check attempts to it (balancing_act/selfcheck/sending.py);
# instructors read the class page at /services/class-progress/. The Hub starts it, restarts it
# if it stops, and vouches for whoever calls it. deploy/README.md says what it keeps, and why.

PROGRESS = "class-progress"
PROGRESS_URL = f"http://127.0.0.1:{int(env('BA_PROGRESS_PORT', '8010'))}"
c.JupyterHub.services = [
    {
        "name": PROGRESS,
        "url": PROGRESS_URL,
        "command": [str(COURSE_ENV / "bin" / "python"), "-m", "balancing_act.class_progress"],
        "environment": {
            "BA_HUB_STATE": str(STATE),
            "BA_HUB_INSTRUCTORS": INSTRUCTORS,
            **{
                name: env(name)
                for name in (
                    "BA_PROGRESS_DB_URL",
                    "BA_PROGRESS_KEEP_DAYS",
                    "BA_PROGRESS_SHOW_NAMES",
                )
                if env(name)
            },
        },
        "oauth_no_confirm": True,
    }
]
# Every user may reach the service (a student to send and to see or delete their own records;
# the service itself lets only instructors see the class), and each server's token carries that
# right, so a student's kernel can send with it.
c.JupyterHub.load_roles = [
    {"name": "user", "scopes": ["self", f"access:services!service={PROGRESS}"]},
]
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    f"access:services!service={PROGRESS}",
]
c.Spawner.environment["BA_PROGRESS_URL"] = f"{PROGRESS_URL}/services/{PROGRESS}/"


def _default_url(spawner) -> str:
    if _is_instructor(spawner):
        return f"/lab/tree/{COURSE_FOLDER}"
    return "/lab/tree/balancing-act/lessons/00-start-here.ipynb"


def pre_spawn_hook(spawner):
    """Keep each home private (Debian's useradd makes it world-readable) and pick the start page.

    A student's fetched assignments, their nbgrader cache (which holds the secret that names their
    feedback) and the instructor's gradebook all live in homes, so a home readable by others
    would let one student read another's work.
    """
    user = pwd.getpwnam(spawner.user.name)
    home = os.lstat(user.pw_dir)  # /home is root's, so the user cannot swap their home for a link
    if stat.S_ISDIR(home.st_mode) and home.st_uid == user.pw_uid and home.st_mode & 0o077:
        os.chmod(user.pw_dir, 0o700)
    spawner.default_url = _default_url(spawner)


c.Spawner.pre_spawn_hook = pre_spawn_hook

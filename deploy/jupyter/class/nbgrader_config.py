"""nbgrader for everyone in the class: the course and the exchange.

The Hub hands this folder to every single-user server (JUPYTER_CONFIG_PATH). To have the same
settings in a shell on the server (ssh, cron), link it as the global config:
``ln -s /opt/balancing-act/deploy/jupyter/class/nbgrader_config.py /etc/jupyter/nbgrader_config.py``.
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "balancing-act"
# The shared exchange: world-writable with the sticky bit (deploy/README.md, step 3).
c.Exchange.root = os.environ.get("BA_HUB_EXCHANGE", "/srv/nbgrader/exchange")

# An instructor's server (the Hub sets BA_COURSE_ROOT for instructors only): the formgrader
# works on the instructor's clone of the course with the course's own settings (solutions/ as
# the source, exercises/ as the release, feedback without hidden tests), and one gradebook in
# the clone whatever folder a command starts in.
course = os.environ.get("BA_COURSE_ROOT")
if course:
    course_config = os.path.join(course, "nbgrader_config.py")
    if os.path.exists(course_config):
        load_subconfig(course_config)  # noqa: F821 - provided by the config loader
    c.CourseDirectory.root = course
    c.CourseDirectory.db_url = f"sqlite:///{os.path.join(course, 'gradebook.db')}"

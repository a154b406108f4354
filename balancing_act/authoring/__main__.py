"""``python -m balancing_act.authoring notebooks|markdown|timing``: lessons to notebooks and back, and
the lessons' measured times."""

from .lessons import main

raise SystemExit(main())

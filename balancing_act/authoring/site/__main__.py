"""``python -m balancing_act.authoring.site [--out site/_build] [--jobs 2]``: what ``make site``
runs."""

from .build import main

raise SystemExit(main())

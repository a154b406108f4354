"""``python -m balancing_act.authoring notebooks|markdown``: lessons to notebooks and back."""

from .lessons import main

raise SystemExit(main())

"""``python -m balancing_act.authoring.external_data``: see the package's docstring for the usage."""

import sys

from .cli import main

sys.exit(main())

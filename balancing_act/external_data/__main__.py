"""``python -m balancing_act.external_data``: see the package's docstring for the usage."""

import sys

from .cli import main

sys.exit(main())

"""``python -m balancing_act.class_progress``: the progress service, as the Hub starts it."""

from .service import main

main()

"""Tools for the course's authors, on top of everything: lessons to notebooks and back, the
notebook runner, the reader's site, the printed handouts, the outside-data builder. Nothing in
the package imports it."""

"""The lowest layer: where the course is, its cache, its table of contents, its periods, its
vocabulary and its errors. Imports nothing of the package."""

"""The reader's site: every lesson run once and turned into a plain, offline HTML page, with a
page per event, the list of sources and an offline search (``make site``, or
``python -m balancing_act.authoring.site``; what a page holds: site/README.md).

One module per step, in the order a build takes them:

- :mod:`.reading` reads a lesson's title, summary and sources before it runs;
- :mod:`.execution` runs it with :mod:`.kernel_setup` in its kernel, which captures charts and
  widgets as data, and turns what was captured into HTML;
- :mod:`.drawings` draws a chart as SVG, twice when a phone needs its own drawing;
- :mod:`.panels` describes a widget in its own words and adds a claim's or a timeline's events;
- :mod:`.course_data` holds the tables the pages are made from;
- :mod:`.pages` renders lessons and the site's own pages from ``templates/``;
- :mod:`.offline_guard` refuses a page that would load anything from outside the site;
- :mod:`.search` indexes the written site with Pagefind;
- :mod:`.build` puts the steps together and is the command line.

Nothing in the course imports this package, and importing it starts nothing: each lesson's kernel
imports :mod:`.kernel_setup` alone.
"""

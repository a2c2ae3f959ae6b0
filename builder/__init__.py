"""Briefings: a static-site generator for annotated news briefings.

The build is four stages, each a module named after it and ordered only in
`builder.pipeline`: ingest -> annotate -> render -> publish.
"""

__version__ = "0.1.0"

"""Benchmark tools: a synthetic national data set, a plain MkDocs Material reference site,
and a side-by-side measurement of both (`make bench`). Nothing here is part of the site."""

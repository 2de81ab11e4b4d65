"""Benchmarks of DESIGN.md §6, run by ``make bench`` (``python -m bench [NAME ...]``).

Each benchmark is a function returning a :class:`bench.result.Result`; the registry
is the ``BENCHMARKS`` dict in ``bench/__main__.py``.
"""

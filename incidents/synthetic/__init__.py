"""Synthetic published incidents for load tests and benchmarks.

``mix`` says what the data looks like (where, when, what, who, how many dead:
distributions shaped on ACLED's Sahel series), ``rows`` turns one draw into
the rows the real pipeline would have filed (incident, actors in roles,
articles as sources, toll revisions whose current toll is the one rule's
result), and ``copy`` writes them by PostgreSQL's COPY in batches (in
parallel processes for a large load) with the history record of every row.
``manage.py generate_incidents N`` and ``bench/dataset.py`` call
``copy.generate``.
"""

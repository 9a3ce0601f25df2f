"""The settings the demo runs with (``scripts/demo`` exports them), for the
tests and benchmarks that exercise the pipeline as the demo does. Plain
Python, no Django import: benchmarks read it before Django is set up.

- ``FETCH_ALLOW_LOOPBACK``: the sample news site is served on 127.0.0.1;
- ``INGEST_AUTO_APPROVE``: extracted incidents are published without review;
- ``TOLL_AUTO_ACCEPT``: later machine figures are accepted as they arrive
  (incidents.tolls, step 7), so the map follows every new report.

Production leaves all three off (an editor approves incidents and accepts
later figures); tests where that differs say so and test both.
"""

DEMO_ENVIRONMENT = {
    "FETCH_ALLOW_LOOPBACK": "true",
    "INGEST_AUTO_APPROVE": "true",
    "TOLL_AUTO_ACCEPT": "true",
}


def apply_to(settings) -> None:
    """Set the demo's values on a Django settings object (pytest-django's
    ``settings`` fixture)."""
    for name, value in DEMO_ENVIRONMENT.items():
        setattr(settings, name, value == "true")

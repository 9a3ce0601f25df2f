"""Data interchange: importing ACLED and UCDP GED exports.

A small Django app (label ``interchange``) so it can keep its own table of the
source event ids already imported, which makes every import idempotent.
"""

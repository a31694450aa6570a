"""Ecosystem import and export: actors and links as CSV, GraphML (Gephi) and JSON.

Every imported file is untrusted. Reading turns it into records that name their file and line
(`source`, one module per format); `records.plan_import` validates all of them against the open
document before anything is written, so a bad file changes nothing.
"""

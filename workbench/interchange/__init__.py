"""Ecosystem import and export: actors and links as CSV, GraphML (Gephi) and JSON.

Every imported file is untrusted. Reading turns it into records that name their file and line
(`source`, one module per format); `plan.plan_import` decides what each does to the open document
(`identity` says which actor a record is) before anything is written.
"""

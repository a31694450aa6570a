"""Briefs for ministers and workshops: what the user wrote, and which sections a brief holds.

Composition is pure (data in, a list of blocks out); the PDF layout lives in templates_reports.
"""

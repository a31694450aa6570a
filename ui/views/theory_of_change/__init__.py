"""The Theory of change section: a canvas of columns from rationale to impact, and its findings."""

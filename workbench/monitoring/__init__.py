"""Monitoring: indicators with a baseline and a target, measurements over time, and whether each is on
track against the straight path from baseline to target."""

"""Brief templates (ministerial submission, workshop summary, evaluation plan) and their layout."""

"""Guided checklists: definitions loaded from resources/checklists, computed rules, answers and scores."""

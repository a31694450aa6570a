"""The Checklists section: scores per checklist, questions with their state, answering, and a walk-through."""

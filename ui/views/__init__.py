"""The project's sections. Adding a view is one entry in `SECTIONS` (see README, 'Adding a view')."""

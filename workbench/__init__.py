"""Pure domain layer of IIP Workbench: entities, rules and analysis (no Qt, no SQLAlchemy)."""

__version__ = "0.1.0"

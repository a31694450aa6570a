"""Document store: SQLAlchemy mapping, edit services and the lifecycle of `.iipw` files (no Qt)."""

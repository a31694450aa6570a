"""The value chain: stages, where instruments act along it, readiness levels and coverage."""

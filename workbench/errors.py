"""Errors a user may see. Each carries a plain-language message and optional technical detail."""


class WorkbenchError(Exception):
    """Base of every error shown to a user: `message` is for people, `detail` for the log."""

    def __init__(self, message: str, detail: str | None = None):
        super().__init__(message)
        self.message = message
        self.detail = detail


class ValidationError(WorkbenchError):
    """A value does not fit the field it is meant for; names the entity and the field."""

    def __init__(self, entity: str, field: str, problem: str):
        super().__init__(f"{entity}: {field} {problem}")
        self.entity = entity
        self.field = field
        self.problem = problem

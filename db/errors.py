"""Errors of the document lifecycle, each with a message a civil servant can act on."""

from __future__ import annotations

from workbench.errors import WorkbenchError


class DocumentError(WorkbenchError):
    """A document cannot be opened, saved or changed."""


class NotADocument(DocumentError):
    pass


class CorruptDocument(DocumentError):
    pass


class NewerVersion(DocumentError):
    pass


class ReadOnlyDocument(DocumentError):
    pass


class SaveFailed(DocumentError):
    pass


class DocumentLocked(DocumentError):
    """Someone else has the document open; `owner` says who, from where and since when."""

    def __init__(self, path: str, owner: dict):
        who = owner.get("user") or "another user"
        host = owner.get("host") or "another computer"
        since = owner.get("time") or "an unknown time"
        super().__init__(f"{path} is open by {who} on {host} since {since}.")
        self.path = path
        self.owner = owner


class UntrustedDocument(DocumentError):
    """The file holds things IIP Workbench did not write; `findings` lists them in plain words.

    Opening it with `repair=True` makes a working copy without them instead."""

    def __init__(self, what: str, offer: str, findings: list[str]):
        super().__init__(f"{what}; {offer}.", "\n".join(findings))
        self.what = what  # "policy.iipw contains things IIP Workbench did not write (3 triggers)"
        self.findings = findings


class ForeignSchema(UntrustedDocument):
    """Triggers, views, tables or indexes that are not the app's own, or tables defined differently."""


class InvalidRows(UntrustedDocument):
    """Rows whose values break the domain's rules (type, range, choice, reference, duplicate id)."""

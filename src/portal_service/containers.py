"""The containers list: filters, one container, its timeline, the Excel export."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

import domain
from EModal import CONTAINER_COLUMNS, Container
from portal_service import inputs
from portal_service.files import PNG, XLSX, FileStore, StoredFile, stamp, xlsx_bytes
from portal_service.models import ContainerRecord


class ContainerFilters(BaseModel):
    """What a dispatcher narrows the list by; blanks match anything."""

    status: str = ""
    trade_type: str = ""
    holds: str = ""
    terminal: str = ""
    line: str = ""
    lfd_from: date | None = None
    lfd_to: date | None = None
    without_pregate_ticket: bool = False

    @classmethod
    def from_text(cls, *, status: str = "", trade_type: str = "", holds: str = "", terminal: str = "",
                  line: str = "", lfd_from: str = "", lfd_to: str = "",
                  without_pregate_ticket: bool = False) -> ContainerFilters:
        """Filters from typed values (upper-cased, terminal names to codes, dates parsed)."""
        return cls(status=status.strip().upper(), trade_type=trade_type.strip().upper(),
                   holds=holds.strip().upper(),
                   terminal=domain.terminal_code(terminal) or terminal.strip().upper(), line=line.strip().upper(),
                   lfd_from=inputs.day(lfd_from, "lfd_from"), lfd_to=inputs.day(lfd_to, "lfd_to"),
                   without_pregate_ticket=without_pregate_ticket)

    def applied(self) -> dict[str, str | bool]:
        """The filters in use, as plain JSON values."""
        values = self.model_dump(mode="json")
        return {k: v for k, v in values.items() if v}

    def matches(self, c: Container) -> bool:
        """Whether a row passes every filter (rows the portal does not know never do)."""
        if not c.is_known:
            return False
        wanted = ((self.status, c.status), (self.trade_type, c.trade_type), (self.holds, c.holds),
                  (self.line, c.line))
        if any(value and have.upper() != value for value, have in wanted):
            return False
        if self.terminal and self.terminal not in {c.origin.upper(), c.destination.upper(), c.current_loc.upper()}:
            return False
        if self.without_pregate_ticket and c.has_pregate_ticket:
            return False
        if self.lfd_from is None and self.lfd_to is None:
            return True
        lfd = domain.lfd_date(c.lfd_gtd)
        if lfd is None:
            return False
        return not ((self.lfd_from and lfd < self.lfd_from) or (self.lfd_to and lfd > self.lfd_to))


def by_lfd(containers: list[Container]) -> list[Container]:
    """Earliest Last Free Day first (none last), then by number."""
    return sorted(containers, key=lambda c: (domain.lfd_date(c.lfd_gtd) or date.max, c.container_number))


def containers_file(files: FileStore, containers: list[Container], *, kind: str, stem: str) -> StoredFile:
    """The containers under the portal's 18 column names, as a stored Excel file."""
    content = xlsx_bytes("containers", CONTAINER_COLUMNS, [c.as_row() for c in containers])
    return files.save(kind=kind, filename=f"{stem}-{stamp()}.xlsx", content_type=XLSX, content=content)


def records(containers: list[Container]) -> list[ContainerRecord]:
    """The records of connector rows."""
    return list(containers)


def screenshot_file(files: FileStore, number: str, png: bytes) -> list[StoredFile]:
    """The timeline screenshot as a stored file (none when the portal gave no image)."""
    if not png:
        return []
    return [files.save(kind="screenshot", filename=f"timeline-{number}.png", content_type=PNG, content=png)]

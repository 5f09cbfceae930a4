"""My Appointments: narrowing the rows, and the Excel file of them."""

from __future__ import annotations

from pydantic import BaseModel

from EModal import Appointment
from portal_service import inputs
from portal_service.files import XLSX, FileStore, StoredFile, stamp, xlsx_bytes


class AppointmentFilters(BaseModel):
    """One container (or booking) and one status; blanks match anything."""

    container_number: str = ""
    status: str = ""

    @classmethod
    def from_text(cls, *, container_number: str = "", status: str = "") -> AppointmentFilters:
        """Filters from typed values (the number normalised, the status upper-cased)."""
        number = inputs.container_number(container_number) if container_number.strip() else ""
        return cls(container_number=number, status=status.strip().upper())


def matching(appointments: list[Appointment], filters: AppointmentFilters) -> list[Appointment]:
    """The rows of that container and status."""
    number, status = filters.container_number, filters.status
    return [a for a in appointments
            if (not number or number in a.get("Container/Booking #", " ".join(a.columns.values())))
            and (not status or a.get("Status").upper() == status)]


def appointments_file(files: FileStore, appointments: list[Appointment]) -> StoredFile:
    """The rows under My Appointments' column names, as a stored Excel file."""
    header: list[str] = []
    for appointment in appointments:
        header += [column for column in appointment.columns if column not in header]
    rows = [[a.columns.get(column, "") for column in header] for a in appointments]
    content = xlsx_bytes("appointments", header, rows)
    return files.save(kind="appointments", filename=f"appointments-{stamp()}.xlsx", content_type=XLSX,
                      content=content)

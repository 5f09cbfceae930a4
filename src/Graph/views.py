"""What a run shows the HTTP layer: a turn, a thread's history, the booking awaiting approval, streamed events.

Each streamed event is one of these models; its `kind` is the Server-Sent Event name it travels under and its
fields are the event's JSON data (the web page's `events.js` mirrors these names).
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from portal_service.files import StoredFile

# "rejected": a booking the dispatcher rejected, or that a new message superseded (nothing was booked).
ToolCallStatus = Literal["success", "error", "interrupted", "pending", "awaiting_confirmation", "rejected"]


class EventKind(StrEnum):
    """The names of the events of `POST /ask/stream`, in the order a run may send them."""

    THREAD = "thread"  # sent first by the HTTP layer: the conversation the answer belongs to
    TOKEN = "token"
    TOOL_START = "tool_start"
    TOOL_END = "tool_end"
    PROGRESS = "progress"
    CONFIRMATION = "confirmation"
    FINAL = "final"
    ERROR = "error"


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class ToolCallView(_View):
    """One tool the assistant called, and how it went."""

    id: str
    name: str
    args: dict[str, JsonValue]
    status: ToolCallStatus


class BookingConfirmation(_View):
    """The booking `book_appointment` waits to have approved (the payload of its interrupt)."""

    kind: ClassVar[EventKind] = EventKind.CONFIRMATION

    action: Literal["book_appointment"] = "book_appointment"
    container: str
    terminal: str
    terminal_name: str
    move_type: str
    slot: str
    truck_plate: str
    own_chassis: bool
    trucking_company: str

    def question(self) -> str:
        """The question shown while the booking waits for approval."""
        return (f"Please approve or reject this booking: **{self.container}** — {self.move_type} at "
                f"{self.terminal_name}, slot **{self.slot}**, truck {self.truck_plate}, own chassis "
                f"{'YES' if self.own_chassis else 'NO'}. Reply **yes** to book it or **no** to drop it.")


class AgentTurn(_View):
    """The outcome of one ask or resume (streamed last, as the `final` event)."""

    kind: ClassVar[EventKind] = EventKind.FINAL

    thread_id: str
    answer: str
    tool_calls: list[ToolCallView] = Field(default_factory=list)
    files: list[StoredFile] = Field(default_factory=list)
    confirmation: BookingConfirmation | None = None
    # Likely next messages (a slot to book, a container to look at): the page shows them as buttons.
    quick_replies: list[str] = Field(default_factory=list)


class HistoryMessage(_View):
    """A user or assistant message of a thread; an assistant message with its tool calls and their files."""

    role: Literal["user", "assistant"]
    content: str
    tool_calls: list[ToolCallView] = Field(default_factory=list)
    files: list[StoredFile] = Field(default_factory=list)
    # Only the thread's last answer offers them (the same as its turn did), so a reloaded page shows them again.
    quick_replies: list[str] = Field(default_factory=list)


class ThreadAssigned(_View):
    """The conversation a streamed answer belongs to (the HTTP layer's first event)."""

    kind: ClassVar[EventKind] = EventKind.THREAD

    thread_id: str


class Token(_View):
    """The next piece of the answer's text."""

    kind: ClassVar[EventKind] = EventKind.TOKEN

    text: str


class ToolStart(_View):
    """A tool call begins."""

    kind: ClassVar[EventKind] = EventKind.TOOL_START

    id: str
    name: str
    args: dict[str, JsonValue]


class ToolEnd(_View):
    """A tool call ended, with the files its result links to."""

    kind: ClassVar[EventKind] = EventKind.TOOL_END

    id: str
    name: str
    status: Literal["success", "error", "rejected"]
    files: list[StoredFile] = Field(default_factory=list)


class Progress(_View):
    """A long tool call moved on (the full check: containers done of total)."""

    kind: ClassVar[EventKind] = EventKind.PROGRESS

    tool: str
    done: int
    total: int
    container: str = ""


class RunError(_View):
    """The run ended without an answer."""

    kind: ClassVar[EventKind] = EventKind.ERROR

    code: str
    message: str


AgentEvent = Token | ToolStart | ToolEnd | Progress | BookingConfirmation | AgentTurn | RunError

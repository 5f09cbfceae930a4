"""Bodies of /ask, /ask/stream and run cancellation."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from Graph import AgentTurn

# "message or resume", as the schema states it (the validator below enforces the same).
MESSAGE_OR_RESUME: dict[str, Any] = {"oneOf": [
    {"required": ["message"], "properties": {"message": {"type": "string"}, "resume": {"type": "null"}}},
    {"required": ["resume", "thread_id"],
     "properties": {"resume": {"type": "string"}, "thread_id": {"type": "string", "minLength": 1},
                    "message": {"type": "null"}}},
]}


class AskRequest(BaseModel):
    """A new message, or the answer to a pending booking confirmation: `message`, or `resume` with `thread_id`."""

    model_config = ConfigDict(json_schema_extra=MESSAGE_OR_RESUME)

    message: str | None = Field(default=None, min_length=1, max_length=4000)
    thread_id: str | None = Field(default=None, max_length=36)
    resume: Literal["approve", "reject"] | None = None

    @model_validator(mode="after")
    def _one_of_message_or_resume(self) -> AskRequest:
        if (self.message is None) == (self.resume is None):
            raise ValueError("send either 'message' or 'resume' ('approve' or 'reject'), not both or neither")
        if self.resume is not None and not self.thread_id:
            raise ValueError("'resume' needs the 'thread_id' of the conversation waiting for approval")
        if self.message is not None and not self.message.strip():
            raise ValueError("'message' is blank")
        return self


class AskResponse(AgentTurn):
    """The answer of one turn: its text, the tools it called, the files they made, a booking awaiting approval."""


class CancelOut(BaseModel):
    """Whether a run was going on and was asked to stop."""

    cancelled: bool

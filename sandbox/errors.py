"""The sandbox's one exception tree."""


class SandboxError(Exception):
    """Base of every error the sandbox raises."""


class SandboxStartError(SandboxError):
    """The sandbox server did not come up."""


class BookingError(SandboxError):
    """A wizard request was refused; the message is the text the portal shows in its dialog."""

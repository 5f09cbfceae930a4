"""The agent's HTTP side: /ask and its stream, run cancellation, and the sinks tools write through."""

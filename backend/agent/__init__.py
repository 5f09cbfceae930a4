"""The agent's HTTP side: /ask and its stream, run cancellation, and the context a run is given."""

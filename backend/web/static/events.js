// The event names of `POST /ask/stream` (Server-Sent Events), named once for the whole page.

export const SSE = Object.freeze({
  THREAD: "thread",              // {thread_id}: the conversation the answer belongs to
  TOKEN: "token",                // {text}: the next piece of the answer
  TOOL_START: "tool_start",      // {id, name, args}: a step begins
  TOOL_END: "tool_end",          // {id, name, status, summary?, files?}: a step ended
  PROGRESS: "progress",          // {tool, done, total, container?}: a long step moves on
  CONFIRMATION: "confirmation",  // the booking waits for the user's approval
  FINAL: "final",                // the whole turn (answer, tool_calls, files, confirmation, quick_replies): over
  ERROR: "error",                // {code, message}: the answer failed
});

// Server-Sent Events over fetch: EventSource cannot POST nor send the Authorization header.

function parseBlock(block) {
  let event = "message";
  let id = "";
  const data = [];
  for (const line of block.split("\n")) {
    if (!line || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id") id = value;
  }
  if (!data.length) return null;
  const text = data.join("\n");
  try {
    return { event, id, data: JSON.parse(text) };
  } catch {
    return { event, id, data: { text } };
  }
}

/** Yield `{event, id, data}` for each event of a `text/event-stream` response (id "" when it has none). */
export async function* readEvents(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      // A "\r" at the very end may be the first half of "\r\n": normalise it once the next chunk comes.
      const tail = buffer.endsWith("\r") ? "\r" : "";
      buffer = buffer.slice(0, buffer.length - tail.length).replace(/\r\n?/g, "\n") + tail;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const parsed = parseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (parsed) yield parsed;
      }
    }
    const last = parseBlock((buffer + decoder.decode()).replace(/\r\n?/g, "\n"));
    if (last) yield last;
  } finally {
    reader.releaseLock();
  }
}

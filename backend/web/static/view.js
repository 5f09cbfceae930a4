// The conversation on screen, one for the page: threads.js draws history into it, run.js the streamed answer.

import { ConversationView } from "./chat.js";
import { $ } from "./dom.js";
import { loadImage } from "./files.js";

export const view = new ConversationView($("messages"), { loadImage });

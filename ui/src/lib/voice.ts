// The brand's voice, as the window words what the core found.
import type { Message } from "../i18n/index.svelte";
import type { Off } from "./bindings";

/** How a text is off the brand's voice, as a message for `t(...)` in the window's language. */
export function offMessage(off: Off): Message {
  return [`voice.off.${off.kind}`, off];
}

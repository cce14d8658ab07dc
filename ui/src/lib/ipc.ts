// The one door to Rust. Views call `api.*`; nothing else imports the bindings' commands
// or Tauri's invoke. Every rejection becomes an IpcError with a code the UI can translate.
import { commands, events } from "./bindings";

export { events };

/** An error from a command: a stable `code` and an English `message`. */
export class IpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "IpcError";
  }
}

/**
 * Normalises whatever a command rejected with. Commands reject with `{ code, message }`;
 * Tauri itself (unknown command, denied permission, bad arguments) rejects with a string.
 */
export function toIpcError(e: unknown): IpcError {
  if (e instanceof IpcError) return e;
  if (typeof e === "object" && e !== null && "code" in e && "message" in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    if (typeof code === "string" && typeof message === "string") return new IpcError(code, message);
  }
  if (e instanceof Error) return new IpcError("ipc", e.message);
  return new IpcError("ipc", String(e));
}

type Commands = typeof commands;

function wrap(all: Commands): Commands {
  const wrapped: Record<string, unknown> = {};
  for (const [name, command] of Object.entries(all)) {
    wrapped[name] = (...args: unknown[]) =>
      (command as (...a: unknown[]) => Promise<unknown>)(...args).catch((e: unknown) => {
        throw toIpcError(e);
      });
  }
  return wrapped as Commands;
}

/** The app's commands, typed from the Rust signatures. */
export const api: Commands = wrap(commands);

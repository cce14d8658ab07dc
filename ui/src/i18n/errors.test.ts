import { describe, expect, it } from "vitest";
import { ar } from "./ar";
import { en } from "./en";

// The Rust sources that name error codes: each `fn code` of the core's and engine's errors
// and of the problems they carry, and the shell's own `IpcError::new("…")`.
const sources = import.meta.glob(
  ["../../../crates/core/src/error.rs", "../../../crates/engine/src/error.rs", "../../../crates/core/src/**/*.rs", "../../../src-tauri/src/**/*.rs"],
  { query: "?raw", import: "default", eager: true },
) as Record<string, string>;

/** Codes that never reach the window as a sentence of their own, and why. */
const untranslated: Record<string, string> = {
  connect_failed: "its message is the engine's, already in the person's language",
  listen_failed: "logged by the engine, never shown",
  unknown_name: "names given on the command line",
  no_such_table: "insights tables named on the command line",
};

function codes(): string[] {
  const found = new Set<string>();
  for (const text of Object.values(sources)) {
    for (const block of text.matchAll(/fn code\(&?self\) -> &'static str \{([\s\S]*?)\n {4}\}/g)) {
      for (const m of (block[1] ?? "").matchAll(/=> "([a-z_]+)"/g)) found.add(m[1] ?? "");
    }
    for (const m of text.matchAll(/IpcError::new\(\s*"([a-z_]+)"/g)) found.add(m[1] ?? "");
  }
  return [...found].sort();
}

describe("error codes", () => {
  it("are read from the Rust sources", () => {
    expect(codes()).toEqual(
      expect.arrayContaining(["post_not_found", "shortcut_taken", "terms_no_wait", "search_taken", "policy_no_open_day", "publishing_paused", "open_failed"]),
    );
  });

  it("each has a sentence in both languages, unless it never reaches the window", () => {
    const missing = codes().filter((code) => !(code in untranslated) && !(`error.${code}` in en && `error.${code}` in ar));
    expect(missing).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { isInsertable, previewParts } from "./placeholders";

describe("previewParts", () => {
  it("cuts the text at its blanks, in order, and leaves other braces as text", () => {
    expect(previewParts("سارة، نعتذر. {ما_حدث} وسنعوّضك. — {agent}، Rayyan", ["ما_حدث", "agent"])).toEqual([
      { text: "سارة، نعتذر. " },
      { blank: "ما_حدث" },
      { text: " وسنعوّضك. — " },
      { blank: "agent" },
      { text: "، Rayyan" },
    ]);
    expect(previewParts("{a} and {not a blank}", ["a"])).toEqual([{ blank: "a" }, { text: " and {not a blank}" }]);
    expect(previewParts("", [])).toEqual([]);
  });
});

describe("isInsertable", () => {
  it("knows the placeholders Majlis fills, and nothing else", () => {
    expect(isInsertable("agent")).toBe(true);
    expect(isInsertable("author_name:first")).toBe(true);
    expect(isInsertable("order")).toBe(false);
    expect(isInsertable("constructor")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { ar } from "./ar";
import { en } from "./en";
import { directionOf, format } from "./format";

describe("format", () => {
  it("fills named placeholders", () => {
    expect(format("{name} is ready.", { name: "مخبز الريّان" })).toBe("مخبز الريّان is ready.");
  });
  it("leaves unknown placeholders visible rather than blank", () => {
    expect(format("Hello {who}", {})).toBe("Hello {who}");
  });
  it("formats numbers", () => {
    expect(format("Ctrl+{key}", { key: 3 })).toBe("Ctrl+3");
  });
});

describe("catalogues", () => {
  it("Arabic has every English key and no other", () => {
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
  });
  it("Arabic keeps every placeholder of the English message", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ar[key]), key).toEqual(placeholders(en[key]));
    }
  });
  it("no message is empty", () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(ar)]) {
      expect(text.trim(), key).not.toBe("");
    }
  });
});

describe("directionOf", () => {
  it("mirrors Arabic only", () => {
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("en")).toBe("ltr");
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../i18n/index.svelte";
import { networkBeside } from "./networks";

describe("a channel's network beside its name", () => {
  // The language is set on the page's root element too; these tests have no page.
  vi.stubGlobal("document", { documentElement: {} });
  afterEach(() => setLanguage("en"));

  it("is left out where the name says it, by a whole word", () => {
    expect(networkBeside("Bakery on X", "x")).toBeNull();
    expect(networkBeside("Rayyan Bluesky", "bluesky")).toBeNull();
    expect(networkBeside("Bakery on LinkedIn", "linkedin")).toBeNull();
    expect(networkBeside("Rayyan Box", "x")).toBe("X");
    expect(networkBeside("Rayyan Bakery", "mastodon")).toBe("Mastodon");
  });

  it("is read in the window's language, and left out where the name says it in either", () => {
    setLanguage("ar");
    expect(networkBeside("مخبز ريان", "x")).toBe("إكس");
    expect(networkBeside("مخبز ريان على إكس", "x")).toBeNull();
    // Written with its marks, the name is the same name.
    expect(networkBeside("المخبز على إِكْس", "x")).toBeNull();
    expect(networkBeside("Bakery on Bluesky", "bluesky")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { readLatest } from "./files";

/** A file whose text arrives when `arrive` is called. */
function slowFile(text: string) {
  let arrive = () => {};
  const file = { text: () => new Promise<string>((resolve) => (arrive = () => resolve(text))) } as unknown as File;
  return { file, arrive: () => arrive() };
}

describe("readLatest", () => {
  it("keeps the last choice's text, though an earlier read ends after it", async () => {
    const seen: (string | null)[] = [];
    const choose = readLatest((text) => seen.push(text));
    const first = slowFile("old");
    const second = slowFile("new");
    const a = choose(first.file);
    const b = choose(second.file);
    second.arrive();
    await b;
    first.arrive();
    await a;
    expect(seen).toEqual([null, null, "new"]);
  });

  it("clears the text when the choice is taken away", async () => {
    const seen: (string | null)[] = [];
    const choose = readLatest((text) => seen.push(text));
    await choose(null);
    expect(seen).toEqual([null, null]);
  });
});

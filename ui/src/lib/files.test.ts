import { describe, expect, it } from "vitest";
import { IpcError } from "./ipc";
import { readLatest, textOf } from "./files";

/** `bytes` (a text, as UTF-8) as the bytes of a file. */
const bytesOf = (bytes: string | Uint8Array) => (typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes).slice().buffer;

/** A file of `bytes`, there at once. */
function file(bytes: string | Uint8Array, name = "posts.csv"): File {
  return { name, arrayBuffer: async () => bytesOf(bytes) } as unknown as File;
}

/** A file of `bytes` that arrive when `arrive` is called. */
function slowFile(bytes: string) {
  let arrive = () => {};
  const arrayBuffer = () => new Promise<ArrayBuffer>((resolve) => (arrive = () => resolve(bytesOf(bytes))));
  return { file: { name: "posts.csv", arrayBuffer } as unknown as File, arrive: () => arrive() };
}

describe("textOf", () => {
  it("reads UTF-8, without its byte order mark", async () => {
    expect(await textOf(file("\u{feff}date,message\n١/١٢,مرحبا"))).toBe("date,message\n١/١٢,مرحبا");
  });

  it("refuses another code page, naming the file, rather than read its letters as �", async () => {
    // "مرحبا" in Windows-1256, as Excel's plain CSV writes it on an Arabic computer.
    const cp1256 = new Uint8Array([0xe3, 0xd1, 0xcd, 0xc8, 0xc7]);
    const refused = await textOf(file(cp1256, "منشورات.csv")).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IpcError);
    expect((refused as IpcError).code).toBe("not_utf8");
    expect((refused as IpcError).message).toContain("منشورات.csv");
  });
});

describe("readLatest", () => {
  it("keeps the last choice's text, though an earlier read ends after it", async () => {
    const seen: (string | IpcError | null)[] = [];
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

  it("hands on why a file cannot be read", async () => {
    const seen: (string | IpcError | null)[] = [];
    const choose = readLatest((text) => seen.push(text));
    await choose(file(new Uint8Array([0xff, 0xfe, 0x41])));
    expect(seen[0]).toBeNull();
    expect((seen[1] as IpcError).code).toBe("not_utf8");
  });

  it("clears the text when the choice is taken away", async () => {
    const seen: (string | IpcError | null)[] = [];
    const choose = readLatest((text) => seen.push(text));
    await choose(null);
    expect(seen).toEqual([null, null]);
  });
});

import { describe, expect, it, vi } from "vitest";

vi.mock("./bindings", () => ({
  commands: {
    ok: async () => 42,
    refused: async () => {
      throw { code: "brand_name_taken", message: "a brand named \"Souq\" already exists" };
    },
    denied: async () => {
      throw "brand_create not allowed. Permissions associated with this command: allow-brand-create";
    },
  },
  events: {},
}));

const { api, IpcError, toIpcError } = await import("./ipc");

describe("api", () => {
  it("passes results through", async () => {
    await expect((api as unknown as { ok: () => Promise<number> }).ok()).resolves.toBe(42);
  });
  it("turns a command's {code, message} into an IpcError", async () => {
    const call = (api as unknown as { refused: () => Promise<void> }).refused();
    await expect(call).rejects.toBeInstanceOf(IpcError);
    await expect(call).rejects.toMatchObject({ code: "brand_name_taken" });
  });
  it("turns Tauri's own string rejections into code ipc", async () => {
    const call = (api as unknown as { denied: () => Promise<void> }).denied();
    await expect(call).rejects.toMatchObject({ code: "ipc", message: expect.stringContaining("not allowed") });
  });
});

describe("toIpcError", () => {
  it("keeps Error messages", () => {
    expect(toIpcError(new TypeError("boom"))).toMatchObject({ code: "ipc", message: "boom" });
  });
  it("does not trust half-shaped objects", () => {
    expect(toIpcError({ code: 3 })).toMatchObject({ code: "ipc" });
  });
});

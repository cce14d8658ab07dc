import { describe, expect, it } from "vitest";
import { Leaving } from "./leaving.svelte";

/** A form whose changes are `changed`, and how often it closed. */
function form(changed: boolean) {
  const closed = { times: 0 };
  return { closed, leaving: new Leaving(() => changed, () => (closed.times += 1)) };
}

describe("Leaving", () => {
  it("closes an untouched form at once", () => {
    const { closed, leaving } = form(false);
    leaving.leave(null);
    expect(closed.times).toBe(1);
    expect(leaving.asking).toBe(false);
  });

  it("asks before closing over changes, and stops the dialog's own closing", () => {
    const { closed, leaving } = form(true);
    const escape = new Event("cancel", { cancelable: true });
    leaving.leave(escape);
    expect(escape.defaultPrevented).toBe(true);
    expect(leaving.asking).toBe(true);
    expect(closed.times).toBe(0);
  });

  it("goes on another way out once the changes may go, or at once without any", () => {
    const { closed, leaving } = form(true);
    const went = { times: 0 };
    leaving.leave(null, () => (went.times += 1));
    expect([leaving.asking, went.times]).toEqual([true, 0]);
    leaving.go();
    expect([leaving.asking, went.times, closed.times]).toEqual([false, 1, 0]);
    const untouched = form(false);
    untouched.leaving.leave(null, () => (went.times += 1));
    expect([went.times, untouched.closed.times]).toEqual([2, 0]);
  });

  it("takes another way out asked for meanwhile instead of the one waiting", () => {
    const { closed, leaving } = form(true);
    const went: string[] = [];
    leaving.leave(null, () => went.push("inbox"));
    leaving.leave(null, () => went.push("calendar"));
    leaving.go();
    expect([went, closed.times]).toEqual([["calendar"], 0]);
  });

  it("takes a second Escape as keep editing, and Cancel again as nothing", () => {
    const { closed, leaving } = form(true);
    leaving.leave(null);
    leaving.leave(null);
    expect(leaving.asking).toBe(true);
    leaving.leave(new Event("cancel", { cancelable: true }));
    expect(leaving.asking).toBe(false);
    expect(closed.times).toBe(0);
  });
});

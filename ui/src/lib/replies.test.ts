import { describe, expect, it } from "vitest";
import { blankAt, nextBlank, withTemplate } from "./replies";

describe("a template put in a reply", () => {
  it("takes the shortcut's place, or comes a space after what is written", () => {
    expect(withTemplate(";late", "Sorry!")).toBe("Sorry!");
    expect(withTemplate("Hi Sara, ;late", "Sorry!")).toBe("Hi Sara, Sorry!");
    expect(withTemplate("شكرًا ؛thanks", "نعتذر")).toBe("شكرًا نعتذر");
    expect(withTemplate("", "Sorry!")).toBe("Sorry!");
    expect(withTemplate("A treat from us.", "Sorry!")).toBe("A treat from us. Sorry!");
    expect(withTemplate("A treat from us.\n", "Sorry!")).toBe("A treat from us.\nSorry!");
  });
});

describe("blanks in a reply", () => {
  const text = "Hi Sara, order {order} ships {day}. طلبك {رقم} — {order}";

  it("finds the next blank from a position, in order", () => {
    expect(nextBlank(text, ["order", "day", "رقم"], 0)).toEqual({ start: 15, end: 22 });
    expect(nextBlank(text, ["order", "day", "رقم"], 22)).toEqual({ start: 29, end: 34 });
    const arabic = text.indexOf("{رقم}");
    expect(nextBlank(text, ["order", "day", "رقم"], 35)).toEqual({ start: arabic, end: arabic + 5 });
    expect(nextBlank(text, ["day"], 35)).toBeNull();
  });

  it("knows the blank the caret is in", () => {
    expect(blankAt(text, ["order", "day"], 18)).toEqual({ start: 15, end: 22 });
    expect(blankAt(text, ["order", "day"], 3)).toBeNull();
  });

  it("filled blanks are no longer blanks", () => {
    expect(nextBlank("Hi Sara, order #42 ships {day}.", ["order", "day"], 0)).toEqual({ start: 25, end: 30 });
  });
});

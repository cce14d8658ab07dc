import { describe, expect, it } from "vitest";
import { ar } from "../i18n/ar";
import { en } from "../i18n/en";
import { format } from "../i18n/format";
import type { Off } from "./bindings";
import { offMessage } from "./voice";

/** The finding, worded in `lang`. */
function words(off: Off, lang: "en" | "ar"): string {
  const [key, values] = offMessage(off);
  return format({ en, ar }[lang][key], values, lang);
}

const arabic = (n: number) => new Intl.NumberFormat("ar").format(n);

describe("offMessage", () => {
  it("words each finding in the window's language, with what it names", () => {
    expect(words({ kind: "saysInstead", word: "cheap", instead: "affordable" }, "en")).toBe("The brand says “affordable”, not “cheap”.");
    expect(words({ kind: "tooLong", length: 320, max: 280 }, "en")).toBe("320 characters: the brand keeps replies to 280.");
    expect(words({ kind: "tooLong", length: 320, max: 280 }, "ar")).toBe(`عدد الأحرف ${arabic(320)}، والعلامة تُبقي ردودها في حدود ${arabic(280)}.`);
    expect(words({ kind: "noSignOff", signOff: "— هدى" }, "ar")).toBe("لا ينتهي الرد بتوقيع العلامة «— هدى».");
  });
});

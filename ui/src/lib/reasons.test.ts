import { describe, expect, it } from "vitest";
import type { Message } from "../i18n/index.svelte";
import { ar } from "../i18n/ar";
import { en } from "../i18n/en";
import { format } from "../i18n/format";
import type { BodyProblem, Why } from "./bindings";
import { bodyMessage, offMessage, whyMessage } from "./reasons";

/** The message, worded in `lang`. */
function words([key, values]: Message, lang: "en" | "ar"): string {
  return format({ en, ar }[lang][key], values, lang);
}

const arabic = (n: number) => new Intl.NumberFormat("ar").format(n);

describe("offMessage", () => {
  it("words each finding in the window's language, with what it names", () => {
    expect(words(offMessage({ kind: "saysInstead", word: "cheap", instead: "affordable" }), "en")).toBe("The brand says “affordable”, not “cheap”.");
    expect(words(offMessage({ kind: "tooLong", length: 320, max: 280 }), "en")).toBe("320 characters: the brand keeps replies to 280.");
    expect(words(offMessage({ kind: "tooLong", length: 320, max: 280 }), "ar")).toBe(`عدد الأحرف ${arabic(320)}، والعلامة تُبقي ردودها في حدود ${arabic(280)}.`);
    expect(words(offMessage({ kind: "noSignOff", signOff: "— هدى" }), "ar")).toBe("لا ينتهي الرد بتوقيع العلامة «— هدى».");
  });
});

describe("bodyMessage", () => {
  it("words every way a template's text cannot be read, naming what was written", () => {
    const problems: BodyProblem[] = [
      { kind: "strayClose" },
      { kind: "unclosed" },
      { kind: "badName", name: "a b" },
      { kind: "badFilter", filter: "shout" },
      { kind: "firstAlready", name: "اسم_المتابع_الأول" },
    ];
    for (const problem of problems) {
      for (const lang of ["en", "ar"] as const) {
        const said = words(bodyMessage(problem), lang);
        expect(said).not.toMatch(/\{\w+\}/);
        if ("name" in problem) expect(said).toContain(problem.name);
      }
    }
    expect(words(bodyMessage({ kind: "badFilter", filter: "shout" }), "ar")).toBe("«shout» ليس مرشّحًا: استخدم first أو upper أو lower");
  });
});

describe("whyMessage", () => {
  it("words a refused row in the window's language, and keeps the core's sentence for the rest", () => {
    const bad = { kind: "notDateTime", text: "31/02/2030 09:00", example: "31/12/2026 09:00" } as const;
    expect(words(whyMessage(bad), "en")).toBe("“31/02/2030 09:00” is not a date and time like 31/12/2026 09:00.");
    expect(words(whyMessage(bad), "ar")).toBe("«31/02/2030 09:00» ليس تاريخًا ووقتًا مثل 31/12/2026 09:00.");
    expect(words(whyMessage({ kind: "tooLong", channel: "X", used: 290, limit: 280 }), "ar")).toBe(`النص أطول مما تسمح به X: ${arabic(290)} من ${arabic(280)}.`);
    const unreadable = whyMessage({ kind: "unreadable", reason: "found record with 3 fields, but the previous record has 4 fields" });
    expect(words(unreadable, "ar")).toBe("تعذّرت قراءة هذا السطر: found record with 3 fields, but the previous record has 4 fields");
    expect(words(whyMessage({ kind: "notWhen", column: "at_local", text: "tomorrow" }), "ar")).toBe("في العمود at_local «tomorrow»، وهذا ليس تاريخًا ووقتًا: اكتبه بالشكل YYYY-MM-DD HH:MM.");
  });

  it("words what the core refused a row with as the window words that error", () => {
    const taken: Why = { kind: "template", title: "Hours", code: "shortcut_taken", reason: "the shortcut ;hours is taken" };
    expect(words(whyMessage(taken, "en"), "en")).toBe("“Hours”: Another template already has this shortcut.");
    expect(words(whyMessage(taken, "ar"), "ar")).toBe("«Hours»: لقالب آخر هذا الاختصار.");
    const unclosed: Why = { kind: "templateText", title: "Prices", language: "en", position: 5, problem: { kind: "unclosed" } };
    expect(words(whyMessage(unclosed, "en"), "en")).toBe("“Prices” (English), at character 5: this { is never closed: end the placeholder with }.");
    expect(words(whyMessage(unclosed, "ar"), "ar")).toBe(`«Prices» (English)، عند الحرف ${arabic(5)}: هذا القوس { لم يُغلق: أضِف } في آخر الخانة.`);
    // A code the window has no words for keeps the core's sentence.
    const unknown: Why = { kind: "refused", code: "something_new", reason: "Something new went wrong" };
    expect(words(whyMessage(unknown, "ar"), "ar")).toBe("Something new went wrong");
  });

  it("lists the words a column takes as the window's language says “or”", () => {
    const angry: Why = { kind: "notOneOf", column: "kind", text: "angry", known: ["question", "praise", "spam"] };
    expect(words(whyMessage(angry, "en"), "en")).toBe("The kind column has “angry”, which it does not take: use question, praise, or spam.");
    expect(words(whyMessage(angry, "ar"), "ar")).toBe("في العمود kind «angry»، وليست من قيمه: استعمل question أو praise أو spam.");
  });
});

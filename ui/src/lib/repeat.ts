// The composer's recurrence editor speaks in a few everyday choices; Rust stores and
// expands the RRULE. A rule the editor cannot express (written in the CLI or a CSV) is
// kept as it is and shown as "custom".
import { isWhole } from "./counts";

export type Frequency = "DAILY" | "WEEKLY" | "MONTHLY";

/** A repeat as the editor shows it. */
export type RepeatChoice =
  | { kind: "none" }
  | { kind: "every"; frequency: Frequency; count: number }
  | { kind: "custom"; rule: string };

const simple = /^FREQ=(DAILY|WEEKLY|MONTHLY);COUNT=(\d+)$/;

/** Reads a stored rule back into the editor's terms. */
export function choiceOf(rule: string | null): RepeatChoice {
  if (!rule) return { kind: "none" };
  const match = simple.exec(rule.toUpperCase());
  return match ? { kind: "every", frequency: match[1] as Frequency, count: Number(match[2]) } : { kind: "custom", rule };
}

/** Most times the editor's repeat goes on: a year of days. */
export const MOST_TIMES = 365;

/** Whether a choice's count can be written: a whole number of times from 1 to
 * {@link MOST_TIMES} (a number field gives `null` for what is not a number). */
export function countFits(choice: RepeatChoice): boolean {
  return choice.kind !== "every" || (isWhole(choice.count) && choice.count <= MOST_TIMES);
}

/** The RRULE for a choice (`null` for no repeat), whose count fits ({@link countFits}). */
export function ruleOf(choice: RepeatChoice): string | null {
  switch (choice.kind) {
    case "none":
      return null;
    case "every":
      return `FREQ=${choice.frequency};COUNT=${choice.count}`;
    case "custom":
      return choice.rule;
  }
}

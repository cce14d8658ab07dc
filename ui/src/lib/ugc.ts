// The community board's small rules: what dropping an item on a column means, and
// whether a repost still carries its credit line.
import type { RightsState, UgcColumn, UgcItem } from "./bindings";

/** What dropping an item on a lane asks the person to do. */
export type Drop = "ask" | "grant" | "decline" | "revoke";

/** What the person does by dropping `item` on a lane holding `states`; `null`: not allowed. */
export function dropOn(item: Pick<UgcItem, "moves">, states: readonly RightsState[]): Drop | null {
  const to = states.find((state) => item.moves.includes(state));
  switch (to) {
    case "requested":
      return "ask";
    case "granted":
      return "grant";
    case "declined":
      return "decline";
    case "revoked":
      return "revoke";
    default:
      return null;
  }
}

/** A lane of the board: one state's column, or the ends of a request together. */
export interface Lane {
  key: Exclude<RightsState, Closed> | "closed";
  columns: UgcColumn[];
}

type Closed = "declined" | "expired" | "revoked";
const isClosed = (state: RightsState): state is Closed =>
  state === "declined" || state === "expired" || state === "revoked";

/**
 * The board's lanes, in its order: a lane for each state people act on, and one that
 * the ends of a request share (declined, expired, revoked: "Closed"). Nothing more is
 * done with those but asking again or recording a permission, and seven columns do not
 * fit the window. An item dropped on "Closed" is declined if it was never given
 * permission, revoked if it was: never both (`RightsState::can_become`).
 */
export function lanesOf(columns: UgcColumn[]): Lane[] {
  const lanes: Lane[] = [];
  for (const column of columns) {
    const key = isClosed(column.state) ? "closed" : column.state;
    const lane = lanes.find((l) => l.key === key);
    if (lane) lane.columns.push(column);
    else lanes.push({ key, columns: [column] });
  }
  return lanes;
}

/** Whether `body` still has the credit line (spacing and case aside). */
export function hasCredit(body: string, credit: string): boolean {
  const squeeze = (s: string) => s.replace(/\s+/g, " ").trim().toLocaleLowerCase();
  return squeeze(body).includes(squeeze(credit));
}

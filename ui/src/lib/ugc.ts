// The community board's small rules: what dropping an item on a column means, and
// whether a repost still carries its credit line.
import { hasMessage, t } from "../i18n/index.svelte";
import type { RightsState, UgcItem } from "./bindings";

/** What the person does by dropping `item` on the column of `to`; `null`: not allowed. */
export type Drop = "ask" | "grant" | "decline" | "revoke";

export function dropOn(item: Pick<UgcItem, "moves">, to: RightsState): Drop | null {
  if (!item.moves.includes(to)) return null;
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

/** Whether `body` still has the credit line (spacing and case aside). */
export function hasCredit(body: string, credit: string): boolean {
  const squeeze = (s: string) => s.replace(/\s+/g, " ").trim().toLocaleLowerCase();
  return squeeze(body).includes(squeeze(credit));
}

/** A network's name as people know it ("web" for an address added by hand). */
export function networkName(network: string): string {
  const key = `kind.${network}`;
  return network === "web" ? t("ugc.web") : hasMessage(key) ? t(key) : network;
}

// Svelte actions shared by components.
import { tick } from "svelte";

/**
 * Sets CSS custom properties through the CSSOM. Inline `style` attributes are refused by
 * the app's Content-Security-Policy; `style.setProperty` is not.
 */
export function cssVars(node: HTMLElement, vars: Record<string, string>) {
  const apply = (next: Record<string, string>) => {
    for (const [name, value] of Object.entries(next)) node.style.setProperty(name, value);
  };
  apply(vars);
  return { update: apply };
}

/**
 * Where a key moves from item `at` of `count`, round at the ends: Down and Up, or — for a
 * row of items (`row`: the direction its text runs) — Right and Left as that row reads
 * (Left goes on in right-to-left text); Home and End. `undefined` for any other key.
 */
export function arrowTarget(key: string, at: number, count: number, row: "ltr" | "rtl" | null = null): number | undefined {
  const last = count - 1;
  const [next, previous] = row === null ? ["ArrowDown", "ArrowUp"] : row === "ltr" ? ["ArrowRight", "ArrowLeft"] : ["ArrowLeft", "ArrowRight"];
  if (count === 0) return undefined;
  if (key === next) return at >= last ? 0 : at + 1;
  if (key === previous) return at <= 0 ? last : at - 1;
  if (key === "Home") return 0;
  if (key === "End") return last;
  return undefined;
}

/** Moves focus between the element's items with the arrow keys, Home and End. */
export function arrowFocus(node: HTMLElement, selector: string) {
  const onkeydown = (e: KeyboardEvent) => {
    const items = [...node.querySelectorAll<HTMLElement>(selector)];
    const next = arrowTarget(e.key, items.indexOf(document.activeElement as HTMLElement), items.length);
    if (next === undefined) return;
    e.preventDefault();
    items[next]?.focus();
  };
  node.addEventListener("keydown", onkeydown);
  return { destroy: () => node.removeEventListener("keydown", onkeydown) };
}

/**
 * A tab list's keys: Right and Left (as the text runs), Home and End choose the tab they
 * reach, which takes the keyboard (Tab itself leaves the list: only the chosen tab is in
 * the tab order).
 */
export function tabArrows(node: HTMLElement) {
  const onkeydown = (e: KeyboardEvent) => {
    const tabs = [...node.querySelectorAll<HTMLElement>("[role=tab]")];
    const at = tabs.indexOf(document.activeElement as HTMLElement);
    const row = getComputedStyle(node).direction === "rtl" ? "rtl" : "ltr";
    const next = at < 0 ? undefined : arrowTarget(e.key, at, tabs.length, row);
    if (next === undefined) return;
    e.preventDefault();
    tabs[next]?.click();
    tabs[next]?.focus();
  };
  node.addEventListener("keydown", onkeydown);
  return { destroy: () => node.removeEventListener("keydown", onkeydown) };
}

/**
 * After an item of `list` moved `by` one place (to `to`), puts the keyboard back on its
 * arrow: the row is drawn anew or elsewhere, and the button pressed is gone or holds
 * another item. `arrows` finds the row's two (earlier, later): the one pressed, or the
 * other once the item reached an end.
 */
export async function followMoved(list: Element | undefined, to: number, by: number, arrows = "[data-move]") {
  await tick();
  const [earlier, later] = list?.children[to]?.querySelectorAll<HTMLButtonElement>(arrows) ?? [];
  const [same, other] = by < 0 ? [earlier, later] : [later, earlier];
  (same?.disabled ? other : same)?.focus();
}

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

/** Moves focus between the element's items with the arrow keys, Home and End. */
export function arrowFocus(node: HTMLElement, selector: string) {
  const onkeydown = (e: KeyboardEvent) => {
    const items = [...node.querySelectorAll<HTMLElement>(selector)];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const last = items.length - 1;
    const next =
      e.key === "ArrowDown" ? (at >= last ? 0 : at + 1)
      : e.key === "ArrowUp" ? (at <= 0 ? last : at - 1)
      : e.key === "Home" ? 0
      : e.key === "End" ? last
      : undefined;
    if (next === undefined || items.length === 0) return;
    e.preventDefault();
    items[next]?.focus();
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

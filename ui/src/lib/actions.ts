// Svelte actions shared by components.

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

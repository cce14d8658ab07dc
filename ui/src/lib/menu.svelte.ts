import { arrowFocus } from "./actions";

/**
 * A menu opened from a button (the brand switcher, Export). It opens on a click or Down
 * on its button, on its chosen item (else its first); the arrows, Home and End move in
 * it; Escape and choosing close it with the keyboard back on the button; Tab closes it
 * and goes on from the button, as if it had not opened; a click elsewhere closes it.
 * Attach `button` to the button and `list` to the menu's element; its items are out of
 * the tab order (`tabindex="-1"`): the arrows reach them.
 */
export class Menu {
  open = $state(false);
  #button: HTMLElement | null = null;
  #list: HTMLElement | null = null;

  toggle() {
    this.open = !this.open;
  }

  /** Closes it; the keyboard, if it was in it, back on its button. */
  close() {
    if (this.#list?.contains(document.activeElement)) this.#button?.focus();
    this.open = false;
  }

  button = (node: HTMLElement) => {
    this.#button = node;
    const onkeydown = (e: KeyboardEvent) => {
      if (e.key !== "ArrowDown" || this.open) return;
      e.preventDefault();
      this.open = true;
    };
    node.addEventListener("keydown", onkeydown);
    return () => node.removeEventListener("keydown", onkeydown);
  };

  list = (node: HTMLElement) => {
    this.#list = node;
    (node.querySelector<HTMLElement>("[aria-checked=true]") ?? node.querySelector<HTMLElement>("[role^=menuitem]"))?.focus();
    const arrows = arrowFocus(node, "[role^=menuitem]");
    const elsewhere = (target: EventTarget | null) => !node.contains(target as Node) && !this.#button?.contains(target as Node);
    const onkeydown = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        this.close();
      } else if (e.key === "Tab") {
        // Tab's own move then starts from the button, forwards or back.
        this.close();
      }
    };
    // The keyboard gone elsewhere by other means (a click on the button toggles it).
    const onfocusout = (e: FocusEvent) => {
      if (e.relatedTarget && elsewhere(e.relatedTarget)) this.open = false;
    };
    const onpointerdown = (e: PointerEvent) => {
      if (elsewhere(e.target)) this.open = false;
    };
    node.addEventListener("keydown", onkeydown);
    node.addEventListener("focusout", onfocusout);
    document.addEventListener("pointerdown", onpointerdown);
    return () => {
      arrows.destroy();
      node.removeEventListener("keydown", onkeydown);
      node.removeEventListener("focusout", onfocusout);
      document.removeEventListener("pointerdown", onpointerdown);
      this.#list = null;
    };
  };
}

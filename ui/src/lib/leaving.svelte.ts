/**
 * Closing a form that holds changes not saved yet (the composer, a small form's sheet), or
 * leaving the view it is on: Escape, Cancel or another way out asks first. Asked, Escape
 * means keep editing — pressed twice quickly it would otherwise lose it all — and only
 * the answer that loses the changes goes; another way out asked for meanwhile replaces
 * the one waiting.
 */
export class Leaving {
  /** The question is showing. */
  asking = $state(false);
  readonly #changed: () => boolean;
  readonly #close: () => void;
  /** What the answer that loses the changes does: close, or go on as asked. */
  #then: () => void;

  /** `changed` tells whether closing now would lose something; `close` closes. */
  constructor(changed: () => boolean, close: () => void) {
    this.#changed = changed;
    this.#close = close;
    this.#then = close;
  }

  /** Escape (`event`, the dialog's cancel, whose closing it stops) or Cancel (`null`);
   * or another way out of the form (`then`, which closes it itself). */
  leave(event: Event | null, then: () => void = this.#close) {
    event?.preventDefault();
    if (event && this.asking) {
      this.asking = false;
    } else if (this.#changed()) {
      this.#then = then;
      this.asking = true;
    } else {
      this.asking = false;
      then();
    }
  }

  /** The answer that loses the changes. */
  go = () => {
    this.asking = false;
    this.#then();
  };
}

/** A form on the page that may hold changes not saved: whether it does, and its name
 * as the question says it ("Sorting rules"). */
interface Guarded {
  changed: () => boolean;
  name: () => string;
}

const forms = new Set<Guarded>();

/**
 * While the calling component lives, going elsewhere (another view, another brand) asks
 * first when `changed()` says its form holds changes not saved, naming it by `name()`
 * (see `leaveFor` in app.svelte.ts). Called while the component is set up.
 */
export function guardChanges(changed: () => boolean, name: () => string) {
  const form = { changed, name };
  $effect(() => {
    forms.add(form);
    return () => void forms.delete(form);
  });
}

/** The names of the forms on the page holding changes that going elsewhere would lose. */
export function heldChanges(): (() => string)[] {
  return [...forms].filter((form) => form.changed()).map((form) => form.name);
}

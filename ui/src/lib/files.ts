// Files a person chooses in the window.

/**
 * Hands on the text of the file chosen last, and `null` while it is being read: whoever
 * chooses again, or presses Import, before a read is done never gets the earlier file's
 * text (a slower read that ends later is dropped).
 */
export function readLatest(ontext: (text: string | null) => void): (file: File | null) => Promise<void> {
  let turn = 0;
  return async (file) => {
    const mine = ++turn;
    ontext(null);
    const text = file ? await file.text() : null;
    if (mine === turn) ontext(text);
  };
}

// Files a person chooses in the window.
import { IpcError } from "./ipc";

/**
 * A chosen file's text, refused when it is not UTF-8: Excel's plain "CSV" is written in
 * the computer's own code page (Windows-1256 on an Arabic one), and read as UTF-8 anyway
 * its letters would become "�" — and be imported so.
 */
export async function textOf(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new IpcError("not_utf8", `${file.name} is not UTF-8 text`);
  }
}

/**
 * Hands on the text of the file chosen last (or why it cannot be read), and `null` while
 * it is being read: whoever chooses again, or presses Import, before a read is done
 * never gets the earlier file's text (a slower read that ends later is dropped).
 */
export function readLatest(ontext: (text: string | IpcError | null) => void): (file: File | null) => Promise<void> {
  let turn = 0;
  return async (file) => {
    const mine = ++turn;
    ontext(null);
    const text = file ? await textOf(file).catch((e: IpcError) => e) : null;
    if (mine === turn) ontext(text);
  };
}

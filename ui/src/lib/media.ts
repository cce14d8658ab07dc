// Pictures as the composer handles them before Rust stores them: the bytes to send, and
// a small preview drawn here (the webview decodes pictures anyway; Rust does not need to).

/** The longest side of a preview, in pixels. */
const PREVIEW = 160;

/** The file's bytes as base64, for `mediaAdd`. */
export async function base64Of(file: Blob): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("cannot read the file"));
    reader.readAsDataURL(file);
  });
  return url.slice(url.indexOf(",") + 1);
}

/** A preview as a small JPEG `data:` URL, or null when the picture cannot be decoded. */
export async function previewOf(file: Blob): Promise<string | null> {
  try {
    const bitmap = await createImageBitmap(file);
    const { width, height } = fit(bitmap.width, bitmap.height, PREVIEW);
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    return canvas.toDataURL("image/jpeg", 0.8);
  } catch {
    return null;
  }
}

/** `width`×`height` scaled down to fit a `side`×`side` square, never up. */
export function fit(width: number, height: number, side: number): { width: number; height: number } {
  const scale = Math.min(1, side / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Moves item `from` to `to` in a copy of `list` (the composer's reordering). */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  if (to < 0 || to >= copy.length) return copy;
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}

// Pure message formatting, kept apart from Svelte state so it is unit-tested directly.

/** Replaces each `{name}` in `template` with `params[name]`; unknown names stay visible. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The writing direction of an interface language. */
export function directionOf(lang: string): "ltr" | "rtl" {
  return lang === "ar" ? "rtl" : "ltr";
}

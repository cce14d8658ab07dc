// Pure message formatting, kept apart from Svelte state so it is unit-tested directly.

/** The plural categories a message may name, plus exact matches like `=0`. */
const pluralCase = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;
const pluralBlock = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;

/**
 * Fills `template` for `lang`: each `{name}` becomes `params[name]`, and each
 * `{name, plural, one {# post} other {# posts}}` picks the form the language's plural
 * rules give for the number (Arabic has six: zero, one, two, few, many, other), with `#`
 * standing for the number. Numbers are written the language's way (Arabic-Indic digits
 * in Arabic, as its dates are). Unknown names stay visible rather than blank.
 */
export function format(template: string, params: Record<string, string | number> = {}, lang = "en"): string {
  const rules = new Intl.PluralRules(lang);
  const numbers = new Intl.NumberFormat(lang);
  const text = (value: string | number) => (typeof value === "number" ? numbers.format(value) : value);
  return template
    .replace(pluralBlock, (whole, name: string, cases: string) => {
      const value = params[name];
      if (typeof value !== "number") return whole;
      const forms = new Map([...cases.matchAll(pluralCase)].map((m) => [m[1], m[2]]));
      const form = forms.get(`=${value}`) ?? forms.get(rules.select(value)) ?? forms.get("other");
      return form === undefined ? whole : form.replaceAll("#", text(value));
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : text(value);
    });
}

/** The names a message fills in, plain or plural, sorted. */
export function placeholdersOf(template: string): string[] {
  const plural = [...template.matchAll(pluralBlock)].map((m) => m[1] ?? "");
  const plain = [...template.replace(pluralBlock, "").matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
  return [...plural, ...plain].sort();
}

/** The writing direction of an interface language. */
export function directionOf(lang: string): "ltr" | "rtl" {
  return lang === "ar" ? "rtl" : "ltr";
}

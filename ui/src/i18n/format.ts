// Message and date formatting, kept apart from Svelte state so it is unit-tested directly.

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
  if (!template.includes("{")) return template;
  const { rules, numbers } = numberingOf(lang);
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

const made = new Map<string, unknown>();

/**
 * Intl's formatters and rules, made once for each language and options: making one costs
 * a quarter of a millisecond here, and the window fills in a hundred messages and dates
 * as it starts (see BENCHMARKS.md, "App start and memory").
 */
function once<T>(key: string, make: () => T): T {
  if (!made.has(key)) made.set(key, make());
  return made.get(key) as T;
}

function numberingOf(lang: string) {
  return once(`numbering ${lang}`, () => ({ rules: new Intl.PluralRules(lang), numbers: new Intl.NumberFormat(lang) }));
}

/** `Intl.DateTimeFormat` for `locale` and `options`, made once. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return once(`date ${locale} ${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

/**
 * The hour and minute fields that write a time beside a date as `timeStyle: "short"`
 * writes it alone in `locale` (the two cannot be asked together): "9:00 AM", or "09:00"
 * where the clock runs to 24 hours. Worked out once per locale: dates are written by
 * the hundred as the window starts.
 */
export function clockOf(locale: string): Intl.DateTimeFormatOptions {
  return once(`clock ${locale}`, () => {
    const cycle = dateFormat(locale, { timeStyle: "short" }).resolvedOptions().hourCycle;
    return { hour: cycle === "h23" || cycle === "h24" ? "2-digit" : "numeric", minute: "2-digit" };
  });
}

/** The names a message fills in, plain or plural, sorted. */
export function placeholdersOf(template: string): string[] {
  const plural = [...template.matchAll(pluralBlock)].map((m) => m[1] ?? "");
  const plain = [...template.replace(pluralBlock, "").matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
  return [...plural, ...plain].sort();
}

/**
 * The locale dates and times are written in: WebKit's language when it is the window's
 * in a region (`en-GB`: Rust tells WebKit the desktop's region, `Language::tag_in`),
 * else the window's language. So the page's dates read as its date fields do.
 */
export function localeOf(lang: string, webkit: string): string {
  return webkit.startsWith(`${lang}-`) ? webkit : lang;
}

/** The writing direction of an interface language. */
export function directionOf(lang: string): "ltr" | "rtl" {
  return lang === "ar" ? "rtl" : "ltr";
}

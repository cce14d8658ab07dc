// Time zones as people read them, and search for the picker: forgiving about case,
// spaces and underscores.
import { dateFormat } from "../i18n/format";

/** How the zone reads to a person: "America/New_York" → "America / New York". */
export function zoneLabel(zone: string): string {
  return zone.replaceAll("_", " ").replaceAll("/", " / ");
}

/**
 * The zone's name in `locale`, as its people call it ("Arabian Standard Time",
 * "التوقيت العربي الرسمي"), for sentences such as "Times in …"; the zone's id where the
 * locale has no name for it.
 */
export function zoneName(zone: string, locale: string): string {
  try {
    const parts = dateFormat(locale, { timeZone: zone, timeZoneName: "longGeneric" }).formatToParts(new Date());
    return parts.find((p) => p.type === "timeZoneName")?.value ?? zoneLabel(zone);
  } catch {
    return zoneLabel(zone);
  }
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[\s_/-]+/g, "");
}

/**
 * Zones matching `query`, best first: a city that starts with the query, then any part
 * that starts with it, then anything containing it. At most `limit` results.
 */
export function searchZones(zones: readonly string[], query: string, limit = 50): string[] {
  const q = squash(query);
  if (q === "") return zones.slice(0, limit);
  const ranked: [number, string][] = [];
  for (const zone of zones) {
    const parts = zone.split("/").map(squash);
    const city = parts[parts.length - 1] ?? "";
    const rank = city.startsWith(q) ? 0 : parts.some((p) => p.startsWith(q)) ? 1 : squash(zone).includes(q) ? 2 : -1;
    if (rank >= 0) ranked.push([rank, zone]);
  }
  ranked.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return ranked.slice(0, limit).map(([, zone]) => zone);
}

/**
 * The zone's current UTC offset, e.g. "GMT+3", in the interface's locale. Its formatter
 * is made each time rather than kept (`dateFormat`): the picker goes through every one of
 * some 400 zones as the person types, and keeping one for each would hold them all.
 */
export function zoneOffset(zone: string, locale: string, at = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(at);
    return parts.find((p) => p.type === "timeZoneName")?.value ?? "";
  } catch {
    return "";
  }
}

/** The operating system's zone if the picker offers it, else UTC. */
export function systemZone(zones: readonly string[]): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zones.includes(zone) ? zone : "UTC";
}

// How the window names the networks a brand is on.
import { hasMessage, t } from "../i18n/index.svelte";

/** A network's name as people know it ("web" for an address added by hand). */
export function networkName(network: string): string {
  const key = `kind.${network}`;
  return network === "web" ? t("ugc.web") : hasMessage(key) ? t(key) : network;
}

/**
 * The network's name to show beside a channel's, or `null` where the channel's name
 * says it already: "Bakery on X" is not followed by "X" again. A name says it by a
 * whole word, in English (the network's code is its English name) or in the window's
 * language, with or without its marks: "Rayyan Box" is not on X.
 */
export function networkBeside(channel: string, network: string): string | null {
  const name = networkName(network);
  const words: string[] = bare(channel).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.includes(network) || words.includes(bare(name)) ? null : name;
}

/** Lower case, without marks: "إِكْس" is "إكس", "Café" is "cafe". */
function bare(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

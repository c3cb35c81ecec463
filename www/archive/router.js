// Deep links: the archive's state in the URL's hash (#post=…&stock=SH.600519&q=…), so a
// reload or a shared link restores the view. A hash without "=" belongs to the article (a
// TOC link to a heading) and is left alone.
import { FILTERS } from "./filters.js";

/** Every key of the state, in the order the hash writes them. */
export const KEYS = ["post", "q", ...FILTERS.map((f) => f.key)];

export function readHash(hash = location.hash) {
  const text = hash.replace(/^#/, "");
  if (!text.includes("=")) return null;
  const params = new URLSearchParams(text);
  return Object.fromEntries(KEYS.map((key) => [key, params.get(key) ?? ""]));
}

export function writeHash(state) {
  const params = new URLSearchParams();
  for (const key of KEYS) if (state[key]) params.set(key, state[key]);
  const text = params.toString();
  const url = text ? `#${text}` : location.pathname + location.search;
  // replaceState: the view changes without piling up history entries or a hashchange.
  if (url !== location.hash) history.replaceState(null, "", url);
}

/** The dashboard's reads of the keyed API: the key lives in this tab's sessionStorage only. */
import { fetchJson, settle, type Settled } from "../shared/api.js";

const KEY = "deflect.apiKey";

export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string): void => sessionStorage.setItem(KEY, key),
  forget: (): void => sessionStorage.removeItem(KEY),
};

/** A GET with the bearer key, settled: an HTTP error is a value, a network failure rejects. */
export function apiGet<T>(path: string): Promise<Settled<T>> {
  return settle(fetchJson<T>(path, { headers: { authorization: `Bearer ${apiKey.get() ?? ""}` } }));
}

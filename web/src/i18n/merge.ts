type Strings = Record<string, unknown>;

/**
 * The strings of one language: the shared file plus every `areas/<area>/<lng>.json`, whose top-level
 * keys are the area's own namespaces. A namespace defined twice is a mistake and fails loudly.
 */
export function mergeAreaStrings(base: Strings, areaFiles: Record<string, Strings>, lng: string): Strings {
  const out: Strings = { ...base };
  for (const [file, strings] of Object.entries(areaFiles)) {
    if (!file.endsWith(`/${lng}.json`)) continue;
    for (const [key, value] of Object.entries(strings)) {
      if (key === '_meta') continue;
      if (key in out) throw new Error(`i18n: ${file} redefines "${key}"`);
      out[key] = value;
    }
  }
  return out;
}

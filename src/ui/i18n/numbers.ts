/**
 * A number with its language's digit grouping (12,345). One Intl.NumberFormat a locale,
 * made once: `toLocaleString(locale)` builds a formatter on every call, and a stage that
 * renders every frame at 10x spent a tenth of the page's main thread doing that.
 */
const formats = new Map<string, Intl.NumberFormat>();

export function grouped(n: number, locale: string): string {
  let f = formats.get(locale);
  if (f === undefined) formats.set(locale, (f = new Intl.NumberFormat(locale)));
  return f.format(n);
}

// The needles of link-pretest.ts as a constant, for the fast scanner, which must know whether a text could hold a
// link without loading linkify-it to build them. tests/spec/fast-scan.test.ts checks that this is exactly what
// linkNeedles() builds from the bundled linkify-it (same flags, same source but for one needless escape Biome
// removes), so a linkify-it release that changes its TLD list fails that test instead of changing which texts
// count as links.

export const LINK_NEEDLES =
  /https?:|ftp:|mailto:|\/\/|localhost|www\.|\.\d{1,3}\.|\.(?:biz|com|edu|gov|net|org|pro|web|xxx|aero|asia|coop|info|museum|name|shop|\u0440\u0444|a[cdefgilmnoqrstuwxz]|b[abdefghijmnorstvwyz]|c[acdfghiklmnoruvwxyz]|d[ejkmoz]|e[cegrstu]|f[ijkmor]|g[abdefghilmnpqrstuwy]|h[kmnrtu]|i[delmnoqrst]|j[emop]|k[eghimnprwyz]|l[abcikrstuvy]|m[acdeghklmnopqrstuvwxyz]|n[acefgilopruz]|om|p[aefghklmnrstwy]|qa|r[eosuw]|s[abcdeghijklmnortuvxyz]|t[cdfghjklmnortvwz]|u[agksyz]|v[aceginu]|w[fs]|y[et]|z[amw]|xn--[a-z0-9-]{1,59})(?![0-9a-z])|@/i;

/**
 * Whether LINK_NEEDLES could match `text`, decided without running it. Every needle holds `@`, `//`, one of the
 * words `http:`, `https:`, `ftp:`, `mailto:`, `localhost`, `www.` (in any ASCII case: without the `u` flag, case
 * folding maps no other character onto an ASCII letter), or a dot followed by an ASCII letter or Cyrillic `р` (a
 * TLD, `.рф` included), or by one to three digits and a dot (an IPv4 part). Most prose holds none of these (a colon
 * after a label or a dot ending a sentence is not enough), and then the needles' large regex is never compiled.
 */
export function mayHoldLink(text: string): boolean {
  if (text.includes('@') || text.includes('//')) return true;
  for (let dot = text.indexOf('.'); dot !== -1; dot = text.indexOf('.', dot + 1)) {
    const next = text.charCodeAt(dot + 1);
    if (
      (next >= 0x41 && next <= 0x5a) ||
      (next >= 0x61 && next <= 0x7a) ||
      next === 0x440 ||
      next === 0x420
    ) {
      return true;
    }
    let digits = 0;
    while (
      digits < 3 &&
      text.charCodeAt(dot + 1 + digits) >= 0x30 &&
      text.charCodeAt(dot + 1 + digits) <= 0x39
    ) {
      digits++;
    }
    if (digits > 0 && text.charCodeAt(dot + 1 + digits) === 0x2e) return true;
  }
  return (text.includes(':') && SCHEMA_WORDS.test(text)) || HOST_WORDS.test(text);
}

// With the needles' own `i` flag (no `u`), so they fold case exactly as the needles do.
const SCHEMA_WORDS = /https?:|ftp:|mailto:/i;
const HOST_WORDS = /localhost|www\./i;

// A cheap first look before linkify-it's own pretest, with the same answer.
//
// markdown-it asks linkify-it's `pretest` about every paragraph, heading and table cell. That pretest is one
// case-insensitive regex over Unicode's whole punctuation and space classes; V8 compiles it on its first run,
// which costs a one-spec `validate` more than parsing the spec does, and most specs hold no link at all.
//
// Every alternative of linkify-it's pretest starts with one of these needles, so a text with none of them can
// never pass it (see tests/spec/link-pretest.test.ts, which checks this against linkify-it itself):
// - a default schema: `http:`, `https:`, `ftp:`, `mailto:`, `//` (its schema test ends with that list);
// - `localhost`, `www.`, or a dot, one to three digits and a dot (an IPv4 address);
// - a dot, one of linkify-it's top-level domains and a character that is not an ASCII letter or digit (linkify-it
//   wants punctuation, a space, a control character, `>` or the end there: none of those is a letter or digit);
// - `@` (an e-mail address).
// The needles use linkify-it's own TLD list and the same `i` flag, so case folding matches the same characters.
// A text with a needle goes on to the real pretest; nothing else changes.
import type LinkifyIt from 'linkify-it';

/** The schema list linkify-it's schema test ends with, as regex source; the test fails if a release changes it. */
export const DEFAULT_SCHEMAS_SOURCE = '(http:|https:|ftp:|\\/\\/|mailto:)';

/** A regex matching every text linkify-it's pretest can accept (and some it rejects). */
export function linkNeedles(linkify: LinkifyIt): RegExp {
  // Set by linkify-it's compile step: its TLD alternatives (the named ones, any two-letter zone, xn--…).
  const tlds = (linkify.re as unknown as { src_tlds: string }).src_tlds;
  return new RegExp(
    `https?:|ftp:|mailto:|\\/\\/|localhost|www\\.|\\.\\d{1,3}\\.|\\.(?:${tlds})(?![0-9a-z])|@`,
    'i',
  );
}

/** Puts the needle check in front of `linkify.pretest`. Call it once per instance, after any tlds()/add(). */
export function guardLinkPretest(linkify: LinkifyIt): void {
  const needles = linkNeedles(linkify);
  const pretest = linkify.pretest;
  linkify.pretest = (text: string) => needles.test(text) && pretest.call(linkify, text);
}

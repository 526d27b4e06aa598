// A guard for model-written regular expressions. JavaScript's engine backtracks, and a pattern such as
// `(a+)+$` takes exponential time on a line of a's: nothing can interrupt one `exec` once it runs. So patterns
// with a quantified group that itself contains a quantifier (the shape behind catastrophic backtracking) are
// refused up front, and the search caps the length of each line it matches against.

export interface RegexVerdict {
  ok: boolean;
  reason?: string;
}

/** Refuses nested quantifiers like `(a+)+`, `(.*)*`, `(a|aa)+` with an inner quantifier, `(x{2,})*`. */
export function checkRegexSafety(source: string): RegexVerdict {
  // One frame per open group: does the group contain a quantifier (directly or in a nested group)?
  const stack: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++; // An escaped character is a literal (or a class like \d), never structure.
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push(false);
    else if (c === ')') {
      const hadQuantifier = stack.pop() ?? false;
      const next = source[i + 1];
      const quantified = next === '*' || next === '+' || next === '{';
      if (hadQuantifier && quantified) {
        return {
          ok: false,
          reason: `the group ending at character ${i + 1} repeats something that already repeats (like "(a+)+"), which can take exponential time. Rewrite it without the nested repetition.`,
        };
      }
      // The closed group counts as a quantifier inside its parent when it is itself quantified or held one.
      if ((hadQuantifier || quantified) && stack.length > 0) stack[stack.length - 1] = true;
    } else if ((c === '*' || c === '+' || c === '{') && stack.length > 0) {
      stack[stack.length - 1] = true;
    }
  }
  return { ok: true };
}

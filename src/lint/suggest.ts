/**
 * "Did you mean" for names: the closest candidate by edit distance, with an
 * exact case-insensitive match preferred, because ftrack's names are
 * case-sensitive and a wrong case is the commonest slip.
 */

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent
 * transpositions), giving up once it exceeds `limit`. O(|a|·|b|).
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate `word` most likely stands for, or undefined when none is
 * close: an exact case-insensitive match first, then the smallest edit
 * distance (case ignored) within about a third of the word's length, then
 * the shortest candidate that starts with a word of three or more letters
 * (`resource` → `resource_id`). Ties go to the earlier candidate.
 * Cost: one bounded distance per candidate.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let prefixed: string | undefined;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const other = candidate.toLowerCase();
    if (other === lower) return candidate;
    const distance = editDistance(lower, other, bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
    if (lower.length >= 3 && other.startsWith(lower) && (prefixed === undefined || candidate.length < prefixed.length)) {
      prefixed = candidate;
    }
  }
  return best ?? prefixed;
}

// Small statistics and number formatting shared by the runner and the report.

/** The median of a list of numbers (the mean of the middle two for an even count). */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The smallest and largest of a list of numbers. */
export function range(values) {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** A duration given in nanoseconds, in the unit that keeps three significant digits readable. */
export function formatNs(ns) {
  if (!Number.isFinite(ns)) return "n/a";
  if (ns < 1_000) return `${ns.toPrecision(3)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toPrecision(3)} µs`;
  if (ns < 1_000_000_000) return `${(ns / 1_000_000).toPrecision(3)} ms`;
  return `${(ns / 1_000_000_000).toPrecision(3)} s`;
}

/** A duration given in milliseconds. */
export function formatMs(ms) {
  return Number.isFinite(ms) ? `${ms.toFixed(ms < 10 ? 2 : 1)} ms` : "n/a";
}

/** An operations-per-second figure with thousands separators. */
export function formatRate(perSecond) {
  if (!Number.isFinite(perSecond)) return "n/a";
  return Math.round(perSecond).toLocaleString("en-US");
}

/** A ratio such as `1.84x` (two significant digits below 0.1: `0.00034x`). */
export function formatRatio(ratio) {
  if (!Number.isFinite(ratio)) return "n/a";
  return ratio >= 0.095 || ratio === 0 ? `${ratio.toFixed(2)}x` : `${Number(ratio.toPrecision(2))}x`;
}

/** A relative change such as `+3.1%` (positive means the figure grew). */
export function formatChange(now, before) {
  if (!Number.isFinite(now) || !Number.isFinite(before) || before === 0) return "n/a";
  const change = (now / before - 1) * 100;
  return `${change >= 0 ? "+" : ""}${change.toFixed(1)}%`;
}

// Target checks that suites declare: each returns `{ pass, detail }`, where
// `pass` is true, false, or null when the case was not measured (skipped or
// failed), which the report prints as N/A.
import { formatMs, formatNs, formatRate, formatRatio, median, range } from "./stats.mjs";

const measured = (row) => row !== undefined && !row.skipped && !row.error;
const notMeasured = (name, row) => ({ pass: null, detail: `${name}: ${row?.skipped ?? row?.error ?? "no such case"}` });

/** At least `rate` operations per second (median) for an ops case. */
export function minOpsPerSec(name, rate) {
  return (cases) => {
    const row = cases[name];
    if (!measured(row)) return notMeasured(name, row);
    const pass = row.opsPerSec >= rate;
    const by = pass ? "" : `, ${((1 - row.opsPerSec / rate) * 100).toFixed(0)}% short`;
    const cpu = `; ${formatRate(1e9 / row.cpuMedianNs)}/s by CPU time`;
    return { pass, detail: `${formatRate(row.opsPerSec)}/s against ${formatRate(rate)}/s${by}${cpu}` };
  };
}

/** At most `limitNs` per operation (median) for an ops case. */
export function maxNsPerOp(name, limitNs) {
  return (cases) => {
    const row = cases[name];
    if (!measured(row)) return notMeasured(name, row);
    const pass = row.medianNs <= limitNs;
    const by = pass ? "" : `, ${formatRatio(row.medianNs / limitNs)} the limit`;
    return { pass, detail: `${formatNs(row.medianNs)} against ${formatNs(limitNs)}${by}; ${formatNs(row.cpuMedianNs)} CPU time` };
  };
}

/** At most `limit` times the suite's baseline (median of the per-round ratios) for an ops case. */
export function maxRatio(name, limit) {
  return (cases) => {
    const row = cases[name];
    if (!measured(row)) return notMeasured(name, row);
    if (row.ratio === undefined) return { pass: null, detail: `${name}: no baseline was measured` };
    const pass = row.ratio <= limit;
    const by = pass ? "" : `, ${((row.ratio / limit - 1) * 100).toFixed(0)}% over`;
    return { pass, detail: `${formatRatio(row.ratio)} the baseline against ${formatRatio(limit)}${by}` };
  };
}

/** A median under `limitMs` for a process case. */
export function maxMedianMs(name, limitMs) {
  return (cases) => {
    const row = cases[name];
    if (!measured(row)) return notMeasured(name, row);
    const pass = row.medianMs < limitMs;
    const by = pass ? "" : `, ${formatMs(row.medianMs - limitMs)} over`;
    return { pass, detail: `median ${formatMs(row.medianMs)} against ${formatMs(limitMs)}${by}` };
  };
}

/** The median over rounds of the ratio of case `name`'s batch to case `other`'s batch of the same round. */
export function pairedRatio(row, other) {
  return median(row.samplesNs.map((s, i) => s / other.samplesNs[i]));
}

/**
 * At most `limit` times case `other` (median of the per-round ratios) for an
 * ops case: for a second baseline beside the suite's own.
 */
export function maxRatioTo(name, other, limit) {
  return measuredPair(name, other, (row, base) => {
    const ratio = pairedRatio(row, base);
    const { min, max } = range(row.samplesNs.map((s, i) => s / base.samplesNs[i]));
    const pass = ratio <= limit;
    const by = pass ? "" : `, ${((ratio / limit - 1) * 100).toFixed(0)}% over`;
    return {
      pass,
      detail: `${formatRatio(ratio)} (rounds ${formatRatio(min)}..${formatRatio(max)}) the time of ${other} against ${formatRatio(limit)}${by}; ${formatNs(row.medianNs)} against ${formatNs(base.medianNs)}`,
    };
  });
}

/** A check of cases `name` and `other` together, once both were measured. */
function measuredPair(name, other, check) {
  return (cases) => {
    const row = cases[name];
    const base = cases[other];
    if (!measured(row)) return notMeasured(name, row);
    if (!measured(base)) return notMeasured(other, base);
    return check(row, base);
  };
}

/** A case's `skip` for the cases that measure the build given with --baseline-dist. */
export const needsBaseline = (ctx) => (ctx.baseline ? undefined : "no previous build given (--baseline-dist DIR)");

/**
 * At most `limit` times case `other`'s median for a process case; the detail
 * gives both medians with their spreads and the median of the ratios of
 * runs made in the same rotation (moments apart).
 */
export function maxMedianRatioTo(name, other, limit) {
  return measuredPair(name, other, (row, base) => {
    const ratio = row.medianMs / base.medianMs;
    const paired = median(row.samplesMs.map((ms, i) => ms / base.samplesMs[i]));
    const pass = ratio <= limit;
    const spread = (r) => `${formatMs(r.medianMs)} (${formatMs(r.minMs)} .. ${formatMs(r.maxMs)})`;
    return {
      pass,
      detail: `${formatRatio(ratio)} against ${formatRatio(limit)} (run by run: ${formatRatio(paired)}); ${spread(row)} against ${spread(base)}`,
    };
  });
}

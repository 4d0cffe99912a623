// Throughput measurement for `kind: "ops"` suites.
//
// Method: each case's `setup` returns a function; the runner first calls it
// once per input (the results feed the case's `check` and the sink check),
// then warms every case up, calibrates a batch size that takes about
// `batchMs`, and times one batch per case in each of R rounds (after a full
// garbage collection and an untimed batch that lets the heap settle), rotating the
// order of the cases from round to round so that no case always runs first
// or right after the same neighbour. A case's figure is the median of its
// per-round ns/op; its ratio to the baseline is the median of the per-round
// ratios, each taken from two batches timed moments apart, which cancels
// most of the drift of a shared machine.
//
// Every result is consumed: the timing loop counts the truthy results, and
// the count of each batch must equal what the first pass over the inputs
// predicts, so a loop whose calls were optimised away, or whose results
// changed, fails loudly.
import { garbageCollector } from "./environment.mjs";
import { isolateCase } from "./isolate.mjs";
import { median, range } from "./stats.mjs";

const now = () => Number(process.hrtime.bigint());

/** A timing loop of its own for each case, so that cases do not share type feedback. */
export function makeLoop(label) {
  // The source is fixed text; `label` only names the case in a comment and is
  // reduced to safe characters, which also keeps V8 from sharing one compiled
  // loop between cases.
  const tag = String(label).replace(/[^A-Za-z0-9 _.,:+-]/g, "_");
  return new Function(
    "fn",
    "inputs",
    "n",
    `/* ${tag} */
    const k = inputs.length;
    let j = 0;
    let truthy = 0;
    for (let i = 0; i < n; i++) {
      if (fn(inputs[j])) truthy++;
      if (++j === k) j = 0;
    }
    return truthy;`,
  );
}

/** The count of truthy results among the first i outputs, for each i. */
export function truthyPrefix(outputs) {
  const prefix = [0];
  for (const out of outputs) prefix.push(prefix[prefix.length - 1] + (out ? 1 : 0));
  return prefix;
}

/** The number of truthy results a batch of `n` calls must produce. */
function expectedTruthy(prefix, n) {
  const k = prefix.length - 1;
  return Math.floor(n / k) * prefix[k] + prefix[n % k];
}

async function prepareCase(suite, spec, index, ctx) {
  const base = { name: spec.name, baseline: spec.baseline === true };
  const reason = typeof spec.skip === "function" ? spec.skip(ctx) : undefined;
  if (reason) return { ...base, skipped: reason };
  let fn;
  let inputs;
  const outputs = [];
  try {
    // Inputs may be data, or a function of the context (to build them with the library).
    const given = spec.inputs ?? suite.inputs;
    inputs = typeof given === "function" ? await given(ctx) : given;
    if (!Array.isArray(inputs) || inputs.length === 0) return { ...base, error: "no inputs" };
    fn = await spec.setup(ctx);
    if (typeof fn !== "function") return { ...base, error: "setup did not return a function" };
    for (const input of inputs) outputs.push(fn(input));
  } catch (error) {
    return { ...base, error: `setup or first call failed: ${error?.message ?? error}` };
  }
  return {
    ...base,
    fn,
    inputs,
    outputs,
    prefix: truthyPrefix(outputs),
    loop: makeLoop(`${suite.name} ${index} ${spec.name}`),
    spec,
    index,
  };
}

/**
 * Times one batch; returns `{ wall, cpu }` in ns/op, or throws when the
 * results are not the expected ones. `cpu` is the process's CPU time (user +
 * system, all threads), which a busy machine inflates less than wall time.
 */
export function timeBatch(c, n) {
  const cpuStart = process.cpuUsage();
  const start = now();
  const truthy = c.loop(c.fn, c.inputs, n);
  const elapsed = now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const expected = expectedTruthy(c.prefix, n);
  if (truthy !== expected) {
    throw new Error(`sink check failed: ${truthy} truthy results where ${expected} were expected`);
  }
  return { wall: elapsed / n, cpu: ((cpu.user + cpu.system) * 1000) / n };
}

/**
 * Warms a case up and returns a batch size that takes about `batchMs`.
 * Batches double in size until one takes a quarter of `batchMs`; warm-up
 * goes on for at least `warmupMs` (code that does much per call, such as
 * compile, runs a few thousand times before V8 has optimised all of it, and
 * sits on plateaus on the way, so no convergence test can replace a long
 * enough minimum), then until two batches in a row agree within 10%, for at
 * most three times `warmupMs`.
 */
export function calibrate(c, warmupMs, batchMs) {
  const start = now();
  const minimum = start + warmupMs * 1e6;
  const maximum = start + warmupMs * 3 * 1e6;
  let n = 1;
  let nsPerOp = Infinity;
  let previous = Infinity;
  for (;;) {
    previous = nsPerOp;
    nsPerOp = timeBatch(c, n).wall;
    if (nsPerOp * n < (batchMs * 1e6) / 4) {
      n *= 2;
      continue;
    }
    const t = now();
    const steady = Math.abs(nsPerOp - previous) <= 0.1 * Math.min(nsPerOp, previous);
    if (t >= maximum || (t >= minimum && steady)) break;
  }
  return Math.max(1, Math.round((batchMs * 1e6) / Math.max(nsPerOp, 0.01)));
}

/** Times case `c` in this isolate, with the same requests as an isolated case. */
function inProcess(c) {
  const gc = garbageCollector();
  return {
    calibrate(warmupMs, batchMs, collect) {
      if (collect) gc?.();
      return calibrate(c, warmupMs, batchMs);
    },
    batch(n, collect) {
      if (collect && gc) {
        gc();
        // A forced full collection leaves the heap unsettled: V8 sweeps
        // the old generation in the background and has shrunk the young
        // one, and code that allocates much (parse, compile) runs up to
        // twice as slowly for the next 50 ms or so. One untimed batch of
        // the same case lets it settle, so the timed batch sees the steady
        // state of a running process, and the garbage collected during it
        // is still this case's own.
        c.loop(c.fn, c.inputs, n);
      }
      return timeBatch(c, n);
    },
  };
}

/**
 * Runs an ops suite. `options`: `{ rounds, warmupMs, batchMs, gc, isolate }`,
 * where `gc` (optional) collects garbage before each batch so that one
 * case's garbage is not collected on another case's clock, and `isolate`
 * times each case of a suite loaded from a module (`suite.url`) in a worker
 * of its own. The first pass over the inputs and the checks run here.
 */
export async function runOpsSuite(suite, ctx, options) {
  const prepared = [];
  for (const [index, spec] of suite.cases.entries()) prepared.push(await prepareCase(suite, spec, index, ctx));
  const baseline = prepared.find((c) => c.baseline && c.fn);

  for (const c of prepared) {
    if (!c.fn || typeof c.spec.check !== "function") continue;
    try {
      const problem = c.spec.check({ outputs: c.outputs, inputs: c.inputs, baseline: baseline?.outputs, ctx });
      if (problem) c.error = `check failed: ${problem}`;
    } catch (error) {
      c.error = `check threw: ${error?.message ?? error}`;
    }
  }

  const live = prepared.filter((c) => c.fn && !c.error);
  // Each case is timed in an isolate of its own when the suite is a module
  // that a worker can load (see isolate.mjs); else in this one.
  for (const c of live) {
    try {
      c.runner =
        options.isolate && suite.url ? await isolateCase(suite.url, c.index, `${suite.name} ${c.index} ${c.name}`, ctx) : inProcess(c);
    } catch (error) {
      c.error = `could not start the case's isolate: ${error.message}`;
    }
  }
  for (const c of live) {
    if (c.error) continue;
    try {
      c.n = await c.runner.calibrate(options.warmupMs, options.batchMs, options.gc !== undefined);
      c.samples = [];
      c.cpuSamples = [];
    } catch (error) {
      c.error = error.message;
    }
  }

  const timed = live.filter((c) => !c.error);
  for (let round = 0; round < options.rounds; round++) {
    const shift = round % Math.max(timed.length, 1);
    const order = [...timed.slice(shift), ...timed.slice(0, shift)];
    for (const c of order) {
      if (c.error) continue;
      try {
        const { wall, cpu } = await c.runner.batch(c.n, options.gc !== undefined);
        c.samples.push(wall);
        c.cpuSamples.push(cpu);
      } catch (error) {
        c.error = error.message;
      }
    }
  }
  await Promise.all(live.map((c) => c.runner?.close?.()));

  const baseSamples = baseline && !baseline.error ? baseline.samples : undefined;
  const cases = prepared.map((c) => {
    const row = { name: c.name, baseline: c.baseline };
    if (c.skipped) return { ...row, skipped: c.skipped };
    if (c.error) return { ...row, error: c.error };
    const medianNs = median(c.samples);
    const { min, max } = range(c.samples);
    const out = {
      ...row,
      medianNs,
      minNs: min,
      maxNs: max,
      opsPerSec: 1e9 / medianNs,
      cpuMedianNs: median(c.cpuSamples),
      batch: c.n,
      samplesNs: c.samples,
    };
    if (baseSamples && baseSamples.length === c.samples.length) {
      out.ratio = median(c.samples.map((s, i) => s / baseSamples[i]));
    }
    return out;
  });
  return { cases };
}

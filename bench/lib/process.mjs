// Fresh-process measurements: `kind: "process"` suites (cold start) and the
// `runNode` helper that `kind: "custom"` suites use for isolated figures.
//
// Each run starts a new Node process with the case's script given by `-e`.
// The script measures itself (with `performance.now()`) and prints one JSON
// object as its last line of output; the runner keeps the case's `metric`
// field (default `ms`) as the headline and the medians of the other numeric
// fields as details. The wall time from spawn to exit is recorded beside it.
import { spawnSync } from "node:child_process";
import { median, range } from "./stats.mjs";

/**
 * Runs `source` in a fresh Node process and returns `{ wallMs, json }`.
 * `type`: "module" (default) or "commonjs"; `args`: extra Node flags such as
 * `--expose-gc`. Throws when the process fails or prints no JSON.
 */
export function runNode(source, { type = "module", args = [], timeoutMs = 60_000, cwd } = {}) {
  const argv = [...args, `--input-type=${type}`, "-e", source];
  const start = performance.now();
  const child = spawnSync(process.execPath, argv, { encoding: "utf8", timeout: timeoutMs, cwd });
  const wallMs = performance.now() - start;
  if (child.error) throw child.error;
  if (child.status !== 0) {
    const lines = (child.stderr || "").trim().split("\n");
    const cause = lines.find((line) => /Error|error:/.test(line)) ?? lines[0] ?? "";
    throw new Error(`child exited with ${child.status ?? child.signal}: ${cause.trim()}`);
  }
  const lines = child.stdout.trim().split("\n");
  const last = lines[lines.length - 1] ?? "";
  let json;
  try {
    json = JSON.parse(last);
  } catch {
    throw new Error(`child printed no JSON result (last line: ${JSON.stringify(last.slice(0, 120))})`);
  }
  return { wallMs, json };
}

/** Runs a process suite. `options`: `{ runs }`. */
export async function runProcessSuite(suite, ctx, options) {
  const prepared = suite.cases.map((spec) => {
    const base = { name: spec.name, baseline: spec.baseline === true, metric: spec.metric ?? "ms" };
    const reason = typeof spec.skip === "function" ? spec.skip(ctx) : undefined;
    if (reason) return { ...base, skipped: reason };
    const source = typeof spec.script === "function" ? spec.script(ctx) : spec.script;
    return { ...base, source, type: spec.type ?? "module", args: spec.args ?? [], runs: [] };
  });
  const live = prepared.filter((c) => c.source !== undefined);

  // One run of each case that is not counted, so that every case starts
  // with the files in the operating system's cache.
  for (const c of live) {
    try {
      runNode(c.source, { type: c.type, args: c.args });
    } catch (error) {
      c.error = error.message;
    }
  }

  for (let run = 0; run < options.runs; run++) {
    const ok = live.filter((c) => !c.error);
    const shift = run % Math.max(ok.length, 1);
    for (const c of [...ok.slice(shift), ...ok.slice(0, shift)]) {
      try {
        c.runs.push(runNode(c.source, { type: c.type, args: c.args }));
      } catch (error) {
        c.error = error.message;
      }
    }
  }

  const cases = prepared.map((c) => {
    const row = { name: c.name, baseline: c.baseline };
    if (c.skipped) return { ...row, skipped: c.skipped };
    if (c.error) return { ...row, error: c.error };
    const values = c.runs.map((r) => r.json[c.metric]);
    if (values.some((v) => typeof v !== "number")) return { ...row, error: `a run did not report "${c.metric}"` };
    const { min, max } = range(values);
    const fields = {};
    for (const key of Object.keys(c.runs[0]?.json ?? {})) {
      if (key === c.metric) continue;
      const all = c.runs.map((r) => r.json[key]).filter((v) => typeof v === "number");
      if (all.length === c.runs.length) fields[key] = median(all);
    }
    return {
      ...row,
      metric: c.metric,
      medianMs: median(values),
      minMs: min,
      maxMs: max,
      wallMedianMs: median(c.runs.map((r) => r.wallMs)),
      fields,
      samplesMs: values,
    };
  });
  return { cases };
}

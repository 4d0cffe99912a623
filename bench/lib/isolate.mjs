// Each case of an ops suite in an isolate of its own (a worker thread): its
// own copy of the library, its own compiled code and type feedback, its own
// heap. In one isolate, code the cases share (the library's) is optimised
// for the first case timed and only generalised for the later ones, which
// gave the first case an advantage of about 1.3x; a separate isolate per
// case, as a separate process would, removes it. The main thread still runs
// the rounds, one batch per case in turn, so each round's batches are timed
// moments apart and their ratio keeps cancelling the machine's drift.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { garbageCollector } from "./environment.mjs";
import { calibrate, makeLoop, timeBatch, truthyPrefix } from "./ops.mjs";

/**
 * Starts case `index` of the suite in module `suiteUrl` in a worker, set up
 * as `ctx` would set it up here. Resolves to `{ calibrate, batch, close }`,
 * each sending one request and resolving to the worker's answer.
 */
export function isolateCase(suiteUrl, index, label, ctx) {
  const worker = new Worker(new URL(import.meta.url), {
    workerData: {
      suiteUrl,
      index,
      label,
      quick: ctx.quick,
      root: ctx.root,
      dist: ctx.dist,
      baselineDist: ctx.baseline?.dist,
    },
  });
  const pending = [];
  const failed = (error) => {
    for (const p of pending.splice(0)) p.reject(error);
  };
  worker.on("message", (reply) => {
    const p = pending.shift();
    if (!p) return;
    if (reply.error) p.reject(new Error(reply.error));
    else p.resolve(reply);
  });
  worker.on("error", failed);
  worker.on("exit", () => failed(new Error("the case's worker exited")));
  const ask = (request) =>
    new Promise((resolve, reject) => {
      pending.push({ resolve, reject });
      worker.postMessage(request);
    });
  const ready = new Promise((resolve, reject) => pending.push({ resolve, reject }));
  return ready.then(() => ({
    calibrate: (warmupMs, batchMs, gc) => ask({ cmd: "calibrate", warmupMs, batchMs, gc }).then((r) => r.n),
    batch: (n, gc) => ask({ cmd: "batch", n, gc }),
    close: () => worker.terminate(),
  }));
}

async function serve() {
  const { suiteUrl, index, label, quick, root, dist, baselineDist } = workerData;
  const { runNode } = await import("./process.mjs");
  const lib = await import(dist.esmUrl);
  const baseline = baselineDist ? { lib: await import(baselineDist.esmUrl), dist: baselineDist } : undefined;
  const ctx = { lib, dist, baseline, quick, root, runNode };
  const suite = (await import(suiteUrl)).default;
  const spec = suite.cases[index];
  const given = spec.inputs ?? suite.inputs;
  const inputs = typeof given === "function" ? await given(ctx) : given;
  const fn = await spec.setup(ctx);
  const c = { fn, inputs, prefix: truthyPrefix(inputs.map((input) => fn(input))), loop: makeLoop(label) };
  const gc = garbageCollector();
  parentPort.on("message", (request) => {
    try {
      if (request.cmd === "calibrate") {
        if (request.gc) gc?.();
        parentPort.postMessage({ n: calibrate(c, request.warmupMs, request.batchMs) });
      } else if (request.cmd === "batch") {
        if (request.gc && gc) {
          gc();
          // As in one isolate: an untimed batch lets the heap settle (see ops.mjs).
          c.loop(c.fn, c.inputs, request.n);
        }
        parentPort.postMessage(timeBatch(c, request.n));
      }
    } catch (error) {
      parentPort.postMessage({ error: error?.message ?? String(error) });
    }
  });
  parentPort.postMessage({ ready: true });
}

if (!isMainThread && workerData?.suiteUrl) {
  serve().catch((error) => parentPort.postMessage({ error: `setup in the worker failed: ${error?.message ?? error}` }));
}

// Scaling: how the cost of each public entry point grows with its worst
// input found so far, measured at sizes N, 2N, 4N and 8N. Each row gives
// the largest growth ratio per doubling (time, or bytes for output and
// memory); linear work doubles (2x), and the target is at most 2.5x, so a
// quadratic cost (4x) misses it. A row whose cost stays flat (a bound that
// holds whatever the size) shows about 1x.
//
// Times are CPU times (process.cpuUsage, so that other processes on a
// shared machine barely move them), the fastest of 5 repetitions, each
// repeating the operation for at least 30 ms after an untimed call; memory is heapUsed after full collections in a fresh
// `node --expose-gc` process.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { formatMs } from "../lib/stats.mjs";
import { cliPath } from "./cli.mjs";

const TARGET = 2.5;
const SIZES = (n) => [n, 2 * n, 4 * n, 8 * n];

/** CPU time of this process so far, in ms: unlike wall time, barely moved by other processes on the machine. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Fastest CPU ms per call of `run(input)` over 5 repetitions of at least
 * 30 ms each, after one untimed call (setup excluded): the minimum is the
 * figure least disturbed by other work on a shared machine.
 */
function timeOf(make, run) {
  run(make());
  let best = Infinity;
  for (let rep = 0; rep < 5; rep++) {
    let calls = 0;
    let spent = 0;
    while (spent < 30 || calls < 1) {
      const input = make();
      const start = cpuMs();
      run(input);
      spent += cpuMs() - start;
      calls++;
    }
    best = Math.min(best, spent / calls);
  }
  return best;
}

/** `count` conditions made by `condition(i)`, joined by `joiner`. */
const joined = (count, condition, joiner) => Array.from({ length: count }, (_, i) => condition(i)).join(joiner);

/** A base-36 number of 4 digits, so that every condition of a case has the same length. */
const digits = (i) => i.toString(36).padStart(4, "0");

const event = (id) => ({ fez_id: "ftrack_entity_event_v1", entity: { id, entity_type: "Task", operation: "update" } });

const throwsOnly = (fn) => () => {
  try {
    fn();
  } catch {
    // The rejection is the work measured.
  }
};

/** A case timing `run` on the text `make(n)` builds, at 8, 16, 32 and 64 KiB. */
function textCase(name, make, run) {
  return {
    name,
    sizes: SIZES(8_192),
    measure: (lib, n) => {
      const source = make(n);
      return timeOf(
        () => source,
        (text) => run(lib, text),
      );
    },
    unit: "ms",
  };
}

/** Cases: a name, the sizes, what is measured at a size (a number), its unit, and how to show one measure. */
const CASES = [
  {
    name: "parseEntityEvent: entity.id of N numbers (JSON text)",
    sizes: SIZES(60_000),
    measure: (lib, n) => {
      const body = JSON.stringify(event(new Array(n).fill(1)));
      return timeOf(
        () => body,
        throwsOnly(() => lib.parseEntityEvent(body)),
      );
    },
    unit: "ms",
  },
  {
    name: "parseEntityEvent: sparse entity.id of length N·1e6",
    sizes: SIZES(12_500_000),
    measure: (lib, n) => {
      const ids = [];
      ids.length = n;
      return timeOf(
        () => event(ids),
        (value) => throwsOnly(() => lib.parseEntityEvent(value))(),
      );
    },
    unit: "ms",
  },
  {
    name: "webhook: 400 body bytes for entity.id of N numbers",
    sizes: SIZES(60_000),
    measureAsync: async (lib, n) => {
      const handler = lib.createWebhookHandler({ secret: "s", routes: [] });
      const body = JSON.stringify(event(new Array(n).fill(1)));
      const response = await handler(new Request("http://127.0.0.1/", { method: "POST", headers: { "ftrack-secret": "s" }, body }));
      return (await response.arrayBuffer()).byteLength;
    },
    unit: "bytes",
  },
  {
    name: "FilterSet: load N filters with distinct paths + first match",
    sizes: SIZES(5_000),
    measure: (lib, n) => {
      const filters = Array.from({ length: n }, (_, i) => lib.compile(`entity.new.field_${i} = "v${i}"`, { backend: "closure" }));
      const probe = { entity: { new: { field_7: "v7" } } };
      return timeOf(
        () => filters,
        (compiled) => {
          const set = new lib.FilterSet();
          for (let i = 0; i < compiled.length; i++) set.add(`f${i}`, compiled[i]);
          set.match(probe);
        },
      );
    },
    unit: "ms",
  },
  {
    name: 'lint: \'x = "<long>" and x = "v0" and …\', N bytes (message bytes)',
    sizes: SIZES(8_192),
    measure: (lib, n) => {
      // 15 characters per condition with its joiner.
      const source = `x = "${"L".repeat(n / 2)}" and ${joined(Math.floor(n / 30), (i) => `x = "${digits(i)}"`, " and ")}`;
      return lib.lint(source, { dialect: "event-hub" }).reduce((sum, d) => sum + d.message.length, 0);
    },
    unit: "bytes",
  },
  textCase(
    "lint: 'x0=* or x1=* or …' of N bytes",
    (n) => joined(Math.floor(n / 11), (i) => `x${digits(i)}=*`, " or "),
    (lib, text) => lib.lint(text),
  ),
  // Once quadratic: tab expansion scanned back to the start of the line for every quoted tab.
  textCase(
    "parse: 'a=\"<TAB>\" or …', N bytes",
    (n) => joined(Math.floor(n / 9), () => 'a="\t"', " or "),
    (lib, text) => lib.parse(text, { dialect: "event-hub" }),
  ),
  // Once quadratic: the contradiction rule compared every pair of conditions on one field.
  textCase(
    "lint: 'a=1 and a=1 and …' (event hub), N bytes",
    (n) => joined(Math.floor(n / 8), () => "a=1", " and "),
    (lib, text) => lib.lint(text, { dialect: "event-hub" }),
  ),
  // Once many times a valid filter's cost: recovery raised an error for nearly every token.
  textCase(
    "lint: 'or a or a …', N bytes",
    (n) => "or a ".repeat(Math.floor(n / 5)),
    (lib, text) => lib.lint(text),
  ),
  // Once 20x a valid filter's cost: every "!" error looked for a hint, each reading to the end.
  textCase(
    "parseAll: 'a=1 !x !x …', N bytes",
    (n) => `a=1 ${"!x ".repeat(Math.floor((n - 4) / 3))}`,
    (lib, text) => lib.parseAll(text),
  ),
  // Once nesting × length: recovery scanned to the end of the input from every frame of the nesting.
  textCase(
    "parseAll: 100 '(' then 'a b a b …', N bytes",
    (n) => `${"(".repeat(100)}${"a b ".repeat(Math.floor((n - 100) / 4))}`,
    (lib, text) => lib.parseAll(text),
  ),
  ...[
    ["quotes", (n) => '"'.repeat(n)],
    ["backslashes", (n) => `a = "${"\\".repeat(n - 6)}"`],
    ["dots", (n) => `a${".b".repeat((n - 4) / 2)} = 1`],
    ["parentheses", (n) => "(".repeat(n / 2) + ")".repeat(n / 2)],
    ["not", (n) => `${"not ".repeat((n - 3) / 4)}a=1`],
  ].map(([kind, make]) =>
    textCase(`parse: ${kind}, N bytes`, make, (lib, text) => throwsOnly(() => lib.parse(text, { dialect: "event-hub" }))()),
  ),
];

/** The heap held by the shared compile cache after `matches` with N distinct 16 KiB filters, in a fresh process. */
function cacheHeap(ctx, n) {
  const source = `
const lib = await import(${JSON.stringify(ctx.dist.esmUrl)});
gc(); gc();
const before = process.memoryUsage().heapUsed;
for (let k = 0; k < ${n}; k++) {
  const parts = [];
  for (let i = 0, length = 0; length < 16000; i++) { const part = "a" + k + "=" + i; parts.push(part); length += part.length + 4; }
  lib.matches(parts.join(" or "), { a0: "1" }, { dialect: "event-hub" });
}
gc(); gc();
console.log(JSON.stringify({ bytes: process.memoryUsage().heapUsed - before }));
`;
  return ctx.runNode(source, { args: ["--expose-gc"], timeoutMs: 300_000 }).json.bytes;
}

/** Lint a file of N filters, one per line, with the CLI: the peak RSS of its process. */
function cliLintRss(ctx, n, dir) {
  const file = join(dir, `filters-${n}.txt`);
  const lines = [];
  for (let i = 0; i < n; i++) lines.push(`entity.entity_type = "Task" and entity.new.status_id = "s${i}"`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  const cli = pathToFileURL(cliPath(ctx.dist.dir)).href;
  // The CLI runs in this process (it reads process.argv), which reports its own peak RSS when it exits.
  const script = `
process.argv = [process.argv[0], "cli", "lint", "--file", ${JSON.stringify(file)}];
process.on("exit", () => process.stderr.write(JSON.stringify({ rss: process.resourceUsage().maxRSS * 1024 }) + "\\n"));
await import(${JSON.stringify(cli)});
`;
  // Its report (a warning per line here: "s0" cannot be a status id) goes to /dev/null: buffered, a
  // million lines of it would pass any buffer the runner could hold.
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 300_000,
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 1 << 26,
  });
  if (child.status !== 0) throw new Error(`lint exited with ${child.status}: ${child.stderr.split("\n")[0]}`);
  return JSON.parse(child.stderr.trim().split("\n").pop()).rss;
}

/** The row of a memory case measured at each size, or the error that stopped it. */
function measuredRow(name, sizes, measure) {
  try {
    return row(name, sizes, sizes.map(measure), "bytes");
  } catch (error) {
    return { name, error: error.message };
  }
}

function row(name, sizes, values, unit) {
  const ratios = values.slice(1).map((value, i) => value / Math.max(values[i], 1e-9));
  const worst = Math.max(...ratios);
  const show = unit === "ms" ? (v) => formatMs(v) : (v) => `${Math.round(v).toLocaleString("en-US")} B`;
  return {
    name,
    value: worst,
    display: `${worst.toFixed(2)}x`,
    unit: "per doubling",
    spread: ratios.map((r) => `${r.toFixed(2)}x`).join(", "),
    detail: sizes.map((n, i) => `${n.toLocaleString("en-US")}: ${show(values[i])}`).join("; "),
  };
}

export default {
  name: "scaling",
  order: 60,
  description:
    "Growth of each entry point's cost on its worst inputs at sizes N, 2N, 4N, 8N: the largest ratio per doubling " +
    `(linear is 2x, quadratic 4x; target at most ${TARGET}x). Times: CPU time, fastest of 5 repetitions of at least 30 ms; memory: heapUsed after full collections in a fresh process, or the CLI's peak RSS.`,
  kind: "custom",
  notes: [
    "A quadratic cost shows 4x per doubling. Linear work on large inputs can show a little over 2x at the largest " +
      "sizes, where the working set outgrows the CPU caches and the heap the collector marks grows with N " +
      "(JSON.parse of 480,000 numbers; 40,000 filters, each with its own maps, in a FilterSet): compare the rows " +
      "against 4x, and read a ratio near 1x as a bound that holds whatever the size.",
  ],
  run: async (ctx) => {
    const rows = [];
    for (const spec of CASES) {
      try {
        const sizes = ctx.quick ? spec.sizes.slice(0, 3) : spec.sizes;
        const values = [];
        for (const n of sizes) values.push(spec.measureAsync ? await spec.measureAsync(ctx.lib, n) : spec.measure(ctx.lib, n));
        rows.push(row(spec.name, sizes, values, spec.unit));
      } catch (error) {
        rows.push({ name: spec.name, error: error.message });
      }
    }
    rows.push(
      measuredRow("matches: heap held after N distinct 16 KiB filters", ctx.quick ? [50, 100, 200] : [50, 100, 200, 400], (n) =>
        cacheHeap(ctx, n),
      ),
    );
    const dir = mkdtempSync(join(tmpdir(), "ftrack-filter-scaling-"));
    try {
      const sizes = ctx.quick ? [125_000, 250_000, 500_000] : [125_000, 250_000, 500_000, 1_000_000];
      rows.push(measuredRow("CLI lint --file of N lines: peak RSS", sizes, (n) => cliLintRss(ctx, n, dir)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
  targets: [
    {
      description: `every entry point grows at most ${TARGET}x per doubling of its worst input`,
      check: (cases) => {
        const rows = Object.values(cases).filter((c) => !c.skipped && !c.error);
        const over = rows.filter((c) => c.value > TARGET);
        return {
          pass: rows.length === 0 ? null : over.length === 0,
          detail: over.length === 0 ? `${rows.length} rows within ${TARGET}x` : over.map((c) => `${c.name}: ${c.display}`).join("; "),
        };
      },
    },
  ],
};

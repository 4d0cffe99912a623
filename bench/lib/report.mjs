// Markdown rendering of a run, and the comparison with a saved run.
import { formatChange, formatMs, formatNs, formatRate, formatRatio } from "./stats.mjs";

/** The single figure of a row that `--compare` follows (lower is better unless the row says otherwise). */
export function headline(kind, row) {
  if (kind === "ops") return row.medianNs;
  if (kind === "process") return row.medianMs;
  return row.value;
}

/** Adds `compare: { before, change }` to every row that the saved result also has. */
export function attachComparison(result, saved) {
  for (const suite of result.suites) {
    const old = saved.suites?.find((s) => s.name === suite.name);
    for (const row of suite.cases ?? []) {
      const before = old?.cases?.find((c) => c.name === row.name);
      if (!before || old.kind !== suite.kind) continue;
      const a = headline(suite.kind, row);
      const b = headline(suite.kind, before);
      if (Number.isFinite(a) && Number.isFinite(b)) row.compare = { before: b, change: a / b - 1 };
    }
  }
  result.comparedWith = { file: saved.file, date: saved.meta?.machine?.date, version: saved.meta?.library?.version };
}

const cell = (text) => String(text).replace(/\|/g, "\\|").replace(/\n/g, " ");
const tableRow = (cells) => `| ${cells.map(cell).join(" | ")} |`;

function changeCell(row, kind) {
  if (!row.compare) return "n/a";
  return formatChange(headline(kind, row), row.compare.before);
}

function unavailable(row, width) {
  const note = row.skipped ? `skipped: ${row.skipped}` : `ERROR: ${row.error}`;
  return tableRow([row.name, note, ...Array(width - 2).fill("")]);
}

/**
 * A suite's table: `head` names the columns after which "vs saved" comes
 * when comparing; `cellsOf(row)` gives a measured row's cells.
 */
function suiteTable(suite, comparing, head, cellsOf) {
  const columns = comparing ? [...head, "vs saved"] : head;
  const lines = [tableRow(columns), tableRow(columns.map(() => "---"))];
  for (const row of suite.cases) {
    if (row.skipped || row.error) {
      lines.push(unavailable(row, columns.length));
      continue;
    }
    const cells = cellsOf(row);
    if (comparing) cells.push(changeCell(row, suite.kind));
    lines.push(tableRow(cells));
  }
  return lines;
}

const opsTable = (suite, comparing) =>
  suiteTable(suite, comparing, ["case", "median", "spread (min..max)", "ops/s", "vs baseline", "CPU/op"], (row) => [
    row.name,
    `${formatNs(row.medianNs)}/op`,
    `${formatNs(row.minNs)} .. ${formatNs(row.maxNs)}`,
    formatRate(row.opsPerSec),
    row.baseline ? "baseline" : row.ratio !== undefined ? formatRatio(row.ratio) : "",
    formatNs(row.cpuMedianNs),
  ]);

const processTable = (suite, comparing) =>
  suiteTable(suite, comparing, ["case", "median", "spread (min..max)", "wall, spawn to exit", "details (medians)"], (row) => [
    row.name,
    formatMs(row.medianMs),
    `${formatMs(row.minMs)} .. ${formatMs(row.maxMs)}`,
    formatMs(row.wallMedianMs),
    Object.entries(row.fields)
      .map(([k, v]) => `${k} ${formatMs(v)}`)
      .join(", "),
  ]);

const customTable = (suite, comparing) =>
  suiteTable(suite, comparing, ["case", "value", "spread", "detail"], (row) => [
    row.name,
    `${row.display ?? row.value} ${row.unit ?? ""}`.trim(),
    row.spread ?? "",
    row.detail ?? "",
  ]);

/** The whole run as Markdown. */
export function renderMarkdown(result) {
  const { meta } = result;
  const m = meta.machine;
  const out = [
    `# ${meta.library.name} ${meta.library.version} benchmarks`,
    "",
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}; load average at start ${m.loadAverage.join(" / ")}`,
    `- Node ${m.node} (V8 ${m.v8}); ${m.date}`,
    `- Library: ${meta.library.dist} (copied to a temporary folder at start; every suite measures that copy)`,
    ...(meta.library.baseline
      ? [`- Baseline build, measured side by side in the same run: ${meta.library.baseline} (copied likewise)`]
      : []),
    `- Method: ${meta.method}`,
  ];
  if (result.comparedWith) {
    const c = result.comparedWith;
    out.push(
      `- Compared with ${c.file} (${c.version ?? "?"}, ${c.date ?? "?"}); "vs saved" is the change of the median (time for timings: negative is faster)`,
    );
  }
  for (const suite of result.suites) {
    out.push("", `## ${suite.name}`, "", suite.description ?? "", "");
    if (suite.skipped) {
      out.push(`skipped: ${suite.skipped}`);
      continue;
    }
    if (suite.error) {
      out.push(`ERROR: ${suite.error}`);
      continue;
    }
    const comparing = result.comparedWith !== undefined;
    const table = suite.kind === "ops" ? opsTable : suite.kind === "process" ? processTable : customTable;
    out.push(...table(suite, comparing));
    if (suite.targets?.length) {
      out.push("");
      for (const t of suite.targets) out.push(`- ${t.status}: ${t.description} (${t.detail})`);
    }
    for (const note of suite.notes ?? []) out.push("", note);
  }
  return `${out.join("\n")}\n`;
}

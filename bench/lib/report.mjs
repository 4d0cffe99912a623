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

function opsTable(suite, comparing) {
  const head = ["case", "median", "spread (min..max)", "ops/s", "vs baseline", "CPU/op"];
  if (comparing) head.push("vs saved");
  const lines = [tableRow(head), tableRow(head.map(() => "---"))];
  for (const row of suite.cases) {
    if (row.skipped || row.error) {
      lines.push(unavailable(row, head.length));
      continue;
    }
    const ratio = row.baseline ? "baseline" : row.ratio !== undefined ? formatRatio(row.ratio) : "";
    const cells = [
      row.name,
      `${formatNs(row.medianNs)}/op`,
      `${formatNs(row.minNs)} .. ${formatNs(row.maxNs)}`,
      formatRate(row.opsPerSec),
      ratio,
      formatNs(row.cpuMedianNs),
    ];
    if (comparing) cells.push(changeCell(row, "ops"));
    lines.push(tableRow(cells));
  }
  return lines;
}

function processTable(suite, comparing) {
  const head = ["case", "median", "spread (min..max)", "wall, spawn to exit", "details (medians)"];
  if (comparing) head.push("vs saved");
  const lines = [tableRow(head), tableRow(head.map(() => "---"))];
  for (const row of suite.cases) {
    if (row.skipped || row.error) {
      lines.push(unavailable(row, head.length));
      continue;
    }
    const details = Object.entries(row.fields).map(([k, v]) => `${k} ${formatMs(v)}`).join(", ");
    const cells = [row.name, formatMs(row.medianMs), `${formatMs(row.minMs)} .. ${formatMs(row.maxMs)}`, formatMs(row.wallMedianMs), details];
    if (comparing) cells.push(changeCell(row, "process"));
    lines.push(tableRow(cells));
  }
  return lines;
}

function customTable(suite, comparing) {
  const head = ["case", "value", "spread", "detail"];
  if (comparing) head.push("vs saved");
  const lines = [tableRow(head), tableRow(head.map(() => "---"))];
  for (const row of suite.cases) {
    if (row.skipped || row.error) {
      lines.push(unavailable(row, head.length));
      continue;
    }
    const cells = [row.name, `${row.display ?? row.value} ${row.unit ?? ""}`.trim(), row.spread ?? "", row.detail ?? ""];
    if (comparing) cells.push(changeCell(row, "custom"));
    lines.push(tableRow(cells));
  }
  return lines;
}

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
    `- Method: ${meta.method}`,
  ];
  if (result.comparedWith) {
    const c = result.comparedWith;
    out.push(`- Compared with ${c.file} (${c.version ?? "?"}, ${c.date ?? "?"}); "vs saved" is the change of the median (time for timings: negative is faster)`);
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

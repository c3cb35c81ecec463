// `npm run bench:scaling`: is renderPost linear in the size of the post? In headless Chromium,
// synthetic posts of 10 KiB, 100 KiB, 1 MiB and 10 MiB (the seed fixture's front matter and
// trailer once, its body paragraphs repeated) are rendered after one warm-up render each; the
// median time per render gives ms per MiB for each size. Exits 1 when the largest ms/MiB is more
// than 1.5 times the smallest (the bar of issue 5: linear time), 2 on any other failure.
// Needs the web-target package in pkg/ (bash scripts/build.sh).
// A second table gives each stage's ms per MiB (one render with `timings: true`), to show which
// stage grows faster than the input when the bar is missed.
// Usage: node scripts/bench-scaling.mjs [--runs 100,30,10,3] [--max-ratio 1.5] [--options JSON]
//   --options: render options for every render, e.g. '{"headings":false}'
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repo, startHarness } from "../tests/e2e/helpers.mjs";

const SEED = join(repo, "tests", "fixtures", "post-2021-12-23-NW202112232224415618", "input.md");
const KiB = 1024;
const MiB = 1024 * KiB;
const SIZES = [
  { label: "10 KiB", bytes: 10 * KiB },
  { label: "100 KiB", bytes: 100 * KiB },
  { label: "1 MiB", bytes: MiB },
  { label: "10 MiB", bytes: 10 * MiB },
];

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const USAGE = "usage: node scripts/bench-scaling.mjs [--runs 100,30,10,3] [--max-ratio 1.5] [--options JSON]";
const RUNS = arg("--runs", "100,30,10,3").split(",").map(Number);
const MAX_RATIO = Number(arg("--max-ratio", "1.5"));
let OPTIONS;
try {
  OPTIONS = JSON.parse(arg("--options", "{}"));
} catch {
  OPTIONS = null;
}
if (RUNS.length !== SIZES.length || RUNS.some((n) => !Number.isInteger(n) || n < 1) || !(MAX_RATIO > 0) || OPTIONS?.constructor !== Object) {
  console.error(USAGE);
  process.exit(2);
}

/**
 * The seed split in three: the front matter (with its fences), the body's paragraphs (one a
 * line; the first line's chart block and the last line's source line kept apart, once each, so
 * that the repeated part is ordinary article text and headings), and the trailer.
 */
function seedParts() {
  const text = readFileSync(SEED, "utf8").replace(/\r\n?/g, "\n");
  const match = /^(---\n[\s\S]*?\n---\n)([\s\S]*?)\n\n(<https?:[\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${SEED}: front matter, body and trailer not found`);
  const [, frontMatter, body, trailer] = match;
  const lines = body.split("\n");
  const first = lines[0];
  const chartEnd = first.indexOf("<!-- EM_StockImg_End -->") + "<!-- EM_StockImg_End -->".length;
  const last = lines.at(-1);
  const sourceAt = last.indexOf('<p class="em_media">');
  if (chartEnd < 30 || sourceAt < 0) throw new Error(`${SEED}: the chart block or the source line moved`);
  const paragraphs = [first.slice(chartEnd), ...lines.slice(1, -1), last.slice(0, sourceAt)].map((l) => l.trim());
  return {
    head: frontMatter + first.slice(0, chartEnd) + "\n",
    paragraphs,
    tail: "\n" + last.slice(sourceAt) + "\n\n" + trailer,
  };
}

const PAGE = "__bench__/scaling.html";

async function main() {
  const parts = seedParts();
  const harness = await startHarness();
  try {
    const { page, errors } = await harness.open(null);
    // Cross-origin isolated, as the demo page: performance.now() at 5 µs, not 100 µs.
    await page.route(harness.url(PAGE), (route) =>
      route.fulfill({
        status: 200,
        headers: {
          "content-type": "text/html; charset=utf-8",
          "cross-origin-opener-policy": "same-origin",
          "cross-origin-embedder-policy": "credentialless",
        },
        body: `<!doctype html><meta charset="utf-8"><title>scaling</title>`,
      }),
    );
    await page.goto(harness.url(PAGE));
    const env = await page.evaluate(async () => {
      const pkg = await import("/pkg/finews_reader.js");
      await pkg.default();
      window.__pkg = pkg;
      return { version: pkg.version(), isolated: self.crossOriginIsolated, ua: navigator.userAgent };
    });
    const browser = /Chrom(e|ium)\/[\d.]+/.exec(env.ua)?.[0] ?? "Chromium";
    console.log(`finews-reader ${env.version}, ${browser} headless, crossOriginIsolated=${env.isolated}`);
    console.log(`seed: ${SEED.slice(repo.length + 1)} (${parts.paragraphs.length} body paragraphs repeated)`);
    console.log(`options: ${JSON.stringify(OPTIONS)}\n`);

    const rows = [];
    for (const [i, size] of SIZES.entries()) {
      const row = await page.evaluate(
        ({ parts, target, runs, options }) => {
          const encoder = new TextEncoder();
          const bytes = (s) => encoder.encode(s).length;
          // Paragraphs in turn until the post reaches the target size.
          const chunks = [parts.head];
          let length = bytes(parts.head) + bytes(parts.tail);
          const sizes = parts.paragraphs.map((p) => bytes(p) + 2);
          for (let k = 0; length < target; k++) {
            const p = k % parts.paragraphs.length;
            chunks.push(parts.paragraphs[p], "\n ");
            length += sizes[p];
          }
          chunks.push(parts.tail);
          const raw = chunks.join("");
          const { renderPost } = window.__pkg;
          const warm = renderPost(raw, options);
          const times = [];
          for (let r = 0; r < runs; r++) {
            const t0 = performance.now();
            const article = renderPost(raw, options);
            times.push(performance.now() - t0);
            if (article.html.length !== warm.html.length) throw new Error("renders differ");
          }
          times.sort((a, b) => a - b);
          // Stages: the median of each over up to 5 more renders (apart from the timed ones above:
          // the timer calls cost a little).
          const samples = Array.from({ length: Math.min(5, runs) }, () => renderPost(raw, { ...options, timings: true }).timings_ms ?? {});
          const stages = {};
          for (const name of Object.keys(samples[0])) {
            const values = samples.map((t) => t[name]).sort((a, b) => a - b);
            stages[name] = values[values.length >> 1];
          }
          const mid = times.length >> 1;
          const median = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
          return {
            inputBytes: bytes(raw),
            htmlChars: warm.html.length,
            paragraphs: warm.stats.paragraphs,
            headings: warm.toc.length,
            warnings: [...new Set(warm.warnings.map((w) => w.code))],
            median,
            min: times[0],
            max: times.at(-1),
            stages,
          };
        },
        { parts, target: size.bytes, runs: RUNS[i], options: OPTIONS },
      );
      row.label = size.label;
      row.runs = RUNS[i];
      row.msPerMiB = row.median / (row.inputBytes / MiB);
      rows.push(row);
    }
    if (errors.length) throw new Error(`errors in the page:\n${errors.join("\n")}`);

    const cols = ["size", "input bytes", "runs", "median ms", "min ms", "max ms", "ms per MiB", "paragraphs", "h2", "warnings"];
    const table = rows.map((r) => [
      r.label,
      String(r.inputBytes),
      String(r.runs),
      r.median.toFixed(2),
      r.min.toFixed(2),
      r.max.toFixed(2),
      r.msPerMiB.toFixed(1),
      String(r.paragraphs),
      String(r.headings),
      r.warnings.join(" ") || "-",
    ]);
    const widths = cols.map((c, j) => Math.max(c.length, ...table.map((t) => t[j].length)));
    const line = (cells) => cells.map((c, j) => (j === 0 || j === cells.length - 1 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ");
    console.log(line(cols));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const t of table) console.log(line(t));

    const stageNames = [...new Set(rows.flatMap((r) => Object.keys(r.stages)))];
    if (stageNames.length) {
      const stageTable = rows.map((r) => [r.label, ...stageNames.map((n) => (n in r.stages ? ((r.stages[n] * MiB) / r.inputBytes).toFixed(1) : "-"))]);
      const header = ["ms per MiB by stage", ...stageNames];
      const w = header.map((c, j) => Math.max(c.length, ...stageTable.map((t) => t[j].length)));
      console.log("");
      console.log(header.map((c, j) => (j ? c.padStart(w[j]) : c.padEnd(w[j]))).join("  "));
      for (const t of stageTable) console.log(t.map((c, j) => (j ? c.padStart(w[j]) : c.padEnd(w[j]))).join("  "));
    }

    const perMiB = rows.map((r) => r.msPerMiB);
    const largest = rows.at(-1).msPerMiB;
    const smallest = Math.min(...perMiB);
    // The bar: time per MiB of the largest post over the cheapest per MiB of any size. (Fixed
    // per-call costs make the small posts the dearer per MiB, so the cheapest is the fair base.)
    const ratio = largest / smallest;
    const spread = Math.max(...perMiB) / smallest;
    console.log(`\nSCALING ms-per-MiB: ${rows.map((r) => `${r.label}=${r.msPerMiB.toFixed(1)}`).join(" ")}; max/min over all sizes ${spread.toFixed(2)}`);
    console.log(`SCALING max/min ms-per-MB ${ratio.toFixed(2)}`);
    if (ratio > MAX_RATIO) {
      console.error(`not linear: ${rows.at(-1).label} costs ${ratio.toFixed(2)}× the cheapest ms per MiB (bar ${MAX_RATIO})`);
      process.exitCode = 1;
    }
  } finally {
    await harness.close();
  }
}

main().catch((err) => {
  console.error(err.stack ?? err);
  process.exit(2);
});

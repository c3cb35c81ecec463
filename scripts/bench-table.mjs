// Prints the README's Performance tables from the peer benchmark's latest JSON results
// ($BENCH_WORK/results/{browser,node,sizes}-latest.json), as written by `npm run bench`.
import fs from 'node:fs';
import path from 'node:path';

const dir = path.join(process.env.BENCH_WORK || 'target/bench-work', 'results');
const load = (name) => JSON.parse(fs.readFileSync(path.join(dir, `${name}-latest.json`), 'utf8'));
const ms = (x) => (x == null ? '–' : x < 1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(1)} ms`);

function speedTable(name, peer) {
  const { results } = load(name);
  const base = results.find((r) => r.pipeline === peer);
  const lines = [
    `| ${name === 'browser' ? 'Chromium' : 'Node'} | cold: page ready + init + first render | per article (median) | vs \`${peer}\` | peak memory |`,
    '|---|---|---|---|---|',
  ];
  for (const r of results.filter((r) => r.pipeline !== 'noop')) {
    const ratio = base ? (base.per_article_ms_median / r.per_article_ms_median).toFixed(2) + '×' : '–';
    const peak = r.memory?.renderer_peak_rss_mb ?? r.memory?.peak_rss_mb;
    const ready = r.page?.bundle_ready_ms ?? 0;
    const init = r.init_ms ?? r.memory?.init_ms ?? 0;
    const cold = `${ms(ready + init + r.cold_first_article_ms)} (${ms(ready)} + ${ms(init)} + ${ms(r.cold_first_article_ms)})`;
    lines.push(`| \`${r.pipeline}\` | ${cold} | ${ms(r.per_article_ms_median)} | ${ratio} | ${peak ? peak + ' MB' : '–'} |`);
  }
  for (const r of results.filter((r) => Object.keys(r.stage_ms_sum || {}).length > 1)) {
    const stages = Object.entries(r.stage_ms_sum).map(([s, v]) => `${s} ${ms(v / r.articles)}`).join(', ');
    lines.push('', `Stages of \`${r.pipeline}\` per article: ${stages}.`);
  }
  return lines.join('\n');
}

const sizes = load('sizes').rows
  .filter((r) => /finews_reader|JS peer pipeline|html-rewriter/.test(r.name))
  .map((r) => `| ${r.name} | ${(r.gzip / 1024).toFixed(1)} KB | ${(r.brotli / 1024).toFixed(1)} KB |`);
console.log([
  speedTable('browser', 'js-native'),
  '',
  speedTable('node', 'js-jsdom'),
  '',
  '| download | gzip -9 | brotli |',
  '|---|---|---|',
  ...sizes,
].join('\n'));

// The README's typography tables: pangu.js and marked (from the peer benchmark's install,
// `npm run bench` first) beside the built package (`npm run build`).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import init, * as ours from '../pkg/node.js';
const require = createRequire(fileURLToPath(new URL('../target/bench-work/', import.meta.url)));
const pangu = require('pangu');
const { marked } = require('marked');
await init();
const body = (md, opts) => ours.renderPost(`---\ntitle: t\n---\n${md}`, opts).html;
const strip = (h) => h.replace(/<\/?p>/g, '').trim();
const spacing = ['突破了120万', '增长63.27%', '发展“路线图”', '旗下ET7新能源', 'HFO-1234yf(四氟丙烯)', 'A股/港股', '见https://a.cn/x页', '2021年9月'];
console.log('| input | pangu.js | finews-reader (`cjkSpacing: true`) |\n|---|---|---|');
for (const s of spacing) console.log(`| \`${s}\` | \`${pangu.spacing ? pangu.spacing(s) : pangu.spacingText(s)}\` | \`${strip(body(s, { cjkSpacing: true }))}\` |`);
const md = ['**重要。**但是', '立讯为**“最大受惠者”**。', '苹果*（AAPL）*股价', '离岸人民币兑美元\n升至6.3512'];
console.log('\n| Markdown | marked | finews-reader |\n|---|---|---|');
for (const s of md) console.log(`| \`${s.replace('\n', '⏎')}\` | \`${strip(marked.parse(s)).replace('\n', '⏎')}\` | \`${strip(body(s))}\` |`);

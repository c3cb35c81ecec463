// The archive's filters, as data: one row per kind. The same table builds the controls,
// tests the posts and names the deep-link keys (#cat=…&stock=SH.600519&from=…), so a new
// filter is one row here, not a branch in three places.

/** "SH.600519", "600519" or a name ("贵州茅台") against one of a post's securities. */
export function stockMatches(stock, value) {
  const wanted = value.trim().toUpperCase();
  if (!wanted) return true;
  return `${stock.market}.${stock.code}`.toUpperCase() === wanted || stock.code.toUpperCase() === wanted || (stock.name ?? "").toUpperCase().includes(wanted);
}

/** The post's own calendar day ("2021-12-23"), in its own zone, as its header shows it. */
export const dayOf = (entry) => entry.date?.slice(0, 10) ?? "";

export const FILTERS = [
  { key: "cat", label: "分类", control: "select", values: (e) => e.categories },
  { key: "tag", label: "标签", control: "select", values: (e) => e.tags },
  { key: "source", label: "来源", control: "select", values: (e) => (e.source ? [e.source] : []) },
  { key: "stock", label: "证券", control: "search", placeholder: "SH.600519、600519 或名称", test: (e, v) => e.stocks.some((s) => stockMatches(s, v)) },
  { key: "from", label: "起", control: "date", test: (e, v) => dayOf(e) >= v },
  { key: "to", label: "止", control: "date", test: (e, v) => dayOf(e) !== "" && dayOf(e) <= v },
];

// A select filter keeps the posts whose values include the chosen one.
for (const filter of FILTERS) filter.test ??= (e, v) => filter.values(e).includes(v);

/** Does the post pass every active filter of `state`? */
export function passes(entry, state) {
  return FILTERS.every(({ key, test }) => !state[key] || test(entry, state[key]));
}

/** The choices of each select filter, most frequent first, with their counts. */
export function choices(entries) {
  const result = {};
  for (const filter of FILTERS.filter((f) => f.values)) {
    const counts = new Map();
    for (const entry of entries) for (const v of filter.values(entry)) counts.set(v, (counts.get(v) ?? 0) + 1);
    result[filter.key] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "zh-CN"));
  }
  return result;
}

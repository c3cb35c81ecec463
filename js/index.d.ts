// The types of every entry (browser, Node, workerd): the generated declarations, whose
// every line is the public contract (pinned by tests/golden/finews_reader.d.ts).
export * from "./finews_reader.js";
export { default } from "./finews_reader.js";

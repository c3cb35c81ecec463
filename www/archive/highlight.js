// Search hits marked in text without HTML strings: the text is split into text nodes and
// <mark> elements, so article data never reaches a parser.
import { terms } from "./search-index.js";

/** Nodes for `text` with every occurrence of the query's terms in a <mark>. */
export function highlighted(text, query) {
  const wanted = terms(query);
  if (!wanted.length || !text) return [document.createTextNode(text ?? "")];
  const lower = text.toLowerCase();
  const marks = new Array(text.length).fill(false);
  for (const term of wanted) {
    for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) marks.fill(true, at, at + term.length);
  }
  const nodes = [];
  for (let start = 0; start < text.length; ) {
    let end = start;
    while (end < text.length && marks[end] === marks[start]) end++;
    const piece = text.slice(start, end);
    if (marks[start]) {
      const mark = document.createElement("mark");
      mark.textContent = piece;
      nodes.push(mark);
    } else nodes.push(document.createTextNode(piece));
    start = end;
  }
  return nodes;
}

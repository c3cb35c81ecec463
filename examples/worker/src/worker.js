// A Cloudflare Worker that serves EastMoney posts as clean article pages: `GET /<path>.md`
// fetches that raw post from ORIGIN (a base URL, e.g. "https://example.com/_posts/") and
// answers with the rendered article as a standalone HTML page (finews-reader's `renderPage`:
// the sanitized body, every other field escaped, a no-script policy in the page). Only paths
// under ORIGIN are fetched: no other host, no `..`, nothing but plain file names. The
// Content-Security-Policy header forbids scripts, frames, forms and plugins on every answer.
import init, { renderPage } from "finews-reader";

const STYLE = `
body { margin: 0; font: 17px/1.8 system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #1f2328; background: #fff; }
main, body > article { max-width: 42rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.6rem; line-height: 1.4; margin: 0 0 .5rem; }
header p, footer, aside { color: #59636e; font-size: .9rem; }
img { max-width: 100%; height: auto; }
table { border-collapse: collapse; display: block; overflow-x: auto; }
td, th { border: 1px solid #d1d9e0; padding: .25rem .5rem; }
a.stock-chip { border: 1px solid #d1d9e0; border-radius: 1em; padding: 0 .6em; text-decoration: none; }
@media (prefers-color-scheme: dark) { body { color: #e6edf3; background: #0d1117; } a { color: #4493f8; } }
`;

/** A post's path: segments of plain file-name characters, the last one ending in `.md`. */
const POST_PATH = /^\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\.md$/;

/** Text or an attribute value, escaped for HTML. */
function escape(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

let policy;
/**
 * The Content-Security-Policy header: no script at all; the one stylesheet by its hash
 * (renderPage inlines it as it is). A browser applies it and the page's own policy both.
 */
async function contentSecurityPolicy() {
  if (policy === undefined) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(STYLE));
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    policy = [
      "default-src 'none'",
      `style-src 'sha256-${hash}'`,
      "img-src https: data:",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join("; ");
  }
  return policy;
}

/** An HTML answer with the security headers. */
async function respond(status, html) {
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": await contentSecurityPolicy(),
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    },
  });
}

/** A page of our own (errors), in the same frame as renderPage's. */
function page(status, title, body) {
  const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
  return respond(status, html);
}

const problem = (status, title, text) => page(status, title, `<h1>${escape(title)}</h1>\n<p>${escape(text)}</p>`);

export default {
  async fetch(request, env) {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return problem(405, "不支持的请求", `Method ${request.method} is not allowed.`);
    }
    const base = new URL(env.ORIGIN);
    const { pathname } = new URL(request.url);
    let path;
    try {
      path = decodeURIComponent(pathname);
    } catch {
      path = "";
    }
    // The decoded path must be plain names, and must still resolve under ORIGIN.
    const source = POST_PATH.test(path) ? new URL(`.${path}`, base) : null;
    if (source === null || source.origin !== base.origin || !source.pathname.startsWith(base.pathname)) {
      return problem(400, "无效的地址", "Only posts under the configured origin can be read: /<path>.md");
    }

    let response;
    try {
      response = await fetch(source, { redirect: "manual", headers: { accept: "text/markdown, text/plain" } });
    } catch {
      return problem(502, "无法读取文章", "The origin could not be reached.");
    }
    if (response.status === 404 || response.status === 410) {
      return problem(404, "文章不存在", `No post at ${path}.`);
    }
    if (!response.ok) {
      return problem(502, "无法读取文章", `The origin answered ${response.status}.`);
    }

    await init(); // resolves at once: the .wasm module was instantiated at import
    let html;
    try {
      html = renderPage(await response.text(), { baseUrl: base.origin + "/" }, STYLE);
    } catch (error) {
      return problem(422, "无法显示文章", `${error.code}: ${error.message}`);
    }
    return respond(200, html);
  },
};

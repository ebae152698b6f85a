import MarkdownIt from "markdown-it";
import type { StateInline } from "markdown-it";

/**
 * Markdown of descriptions, template fields and comments, rendered for the browser. Items are
 * written by anyone with work:create, so the renderer is the XSS boundary: raw HTML is off
 * (`<script>` comes out as text), and links and images may only point at http(s), mailto or a
 * scheme-less (same-origin) address, so `javascript:` / `data:` never reach an href or src.
 */

const ALLOWED_SCHEME = /^(https?:|mailto:)/i;
// A scheme is letters/digits/+.- followed by ":" before any "/", "?" or "#".
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// Usernames as the users contract allows them; a trailing "." ends a sentence, not the name.
const MENTION = /^@([a-z0-9][a-z0-9_.-]{0,62}[a-z0-9_-]|[a-z0-9])/;

/** True when a link or image address is safe to render. */
export function isAllowedUrl(url: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  let cleaned = "";
  for (const ch of url) {
    const c = ch.charCodeAt(0);
    if (c > 0x20 && (c < 0x7f || c > 0x9f)) cleaned += ch;
  }
  if (cleaned.startsWith("//")) return true; // protocol-relative: http(s) of the page
  if (!HAS_SCHEME.test(cleaned)) return true;
  return ALLOWED_SCHEME.test(cleaned);
}

/** `@username` becomes a highlighted mention; the server decides whether the person exists. */
function mentionRule(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x40 /* @ */) return false;
  // Only at the start of a word: "bob@example.com" stays an address.
  if (pos > 0 && !/[\s([{"'>,;]/.test(src.charAt(pos - 1))) return false;
  const m = MENTION.exec(src.slice(pos));
  if (!m) return false;
  if (!silent) {
    const token = state.push("mention", "", 0);
    token.content = m[1] ?? "";
  }
  state.pos += m[0].length;
  return true;
}

function createRenderer(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
  const defaultValidate = md.validateLink.bind(md);
  md.validateLink = (url) => defaultValidate(url) && isAllowedUrl(url);
  md.inline.ruler.before("emphasis", "mention", mentionRule);
  md.renderer.rules.mention = (tokens, idx) =>
    `<span class="work-mention" data-mention="${md.utils.escapeHtml(tokens[idx]?.content ?? "")}">@${md.utils.escapeHtml(tokens[idx]?.content ?? "")}</span>`;
  const defaultLinkOpen =
    md.renderer.rules.link_open ??
    ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (token) {
      token.attrSet("target", "_blank");
      token.attrSet("rel", "noopener noreferrer");
    }
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

let renderer: MarkdownIt | null = null;

/** HTML for a Markdown source; the only HTML the work UI ever inserts into the page. */
export function renderMarkdown(source: string): string {
  renderer ??= createRenderer();
  return renderer.render(source);
}

/** The `@usernames` a text mentions, in order, without duplicates. */
export function mentionsIn(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(
    /(^|[\s([{"'>,;])@([a-z0-9][a-z0-9_.-]{0,62}[a-z0-9_-]|[a-z0-9])/g,
  )) {
    const name = m[2];
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

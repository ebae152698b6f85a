import { describe, expect, it } from "vitest";
import { isAllowedUrl, mentionsIn, renderMarkdown } from "./markdown-render";

describe("markdown rendering is inert", () => {
  it("escapes raw HTML instead of rendering it", () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n<a href="javascript:alert(3)">x</a>',
    );
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<a ");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;");
  });

  it("drops javascript:, data: and vbscript: links and images", () => {
    for (const src of [
      "[x](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[x](java\tscript:alert(1))",
      "[x](data:text/html;base64,PHNjcmlwdD4=)",
      "[x](vbscript:msgbox)",
      "<javascript:alert(1)>",
      "![i](data:image/png;base64,AAAA)",
      "![i](javascript:alert(1))",
      "[x](file:///etc/passwd)",
    ]) {
      const html = renderMarkdown(src);
      expect(html, src).not.toMatch(/href=|src=/);
    }
  });

  it("renders http(s) and mailto links that open in a new tab without an opener", () => {
    const html = renderMarkdown("[docs](https://example.com/a?b=1) and [mail](mailto:a@b.example)");
    expect(html).toContain(
      '<a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer">docs</a>',
    );
    expect(html).toContain(
      '<a href="mailto:a@b.example" target="_blank" rel="noopener noreferrer">',
    );
  });

  it("linkifies bare URLs with the same attributes", () => {
    const html = renderMarkdown("see https://gitlab.example/group/project/-/issues/12 please");
    expect(html).toContain('href="https://gitlab.example/group/project/-/issues/12"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it("escapes attribute-breaking characters in link targets and titles", () => {
    const html = renderMarkdown('[x](https://e.example/"onmouseover="alert(1) "t\\"itle")');
    expect(html).not.toMatch(/"\s*onmouseover=/);
  });

  it("highlights @mentions at word starts only", () => {
    const html = renderMarkdown("ping @alice.smith and bob@example.com, then @carol.");
    expect(html).toContain(
      '<span class="work-mention" data-mention="alice.smith">@alice.smith</span>',
    );
    expect(html).toContain('data-mention="carol">@carol</span>.');
    expect(html).not.toContain('data-mention="example.com"');
    expect(mentionsIn("ping @alice.smith and bob@example.com, then @carol. @alice.smith")).toEqual([
      "alice.smith",
      "carol",
    ]);
  });

  it("does not turn mentions inside code into markup", () => {
    expect(renderMarkdown("`@alice`")).toBe("<p><code>@alice</code></p>\n");
  });

  it("allows only http(s), mailto and scheme-less addresses", () => {
    expect(isAllowedUrl("https://x.example")).toBe(true);
    expect(isAllowedUrl("/work/items/3")).toBe(true);
    expect(isAllowedUrl("#section")).toBe(true);
    expect(isAllowedUrl(" javascript:alert(1)")).toBe(false);
    expect(isAllowedUrl("data:text/html,x")).toBe(false);
    expect(isAllowedUrl("ftp://x.example")).toBe(false);
  });
});

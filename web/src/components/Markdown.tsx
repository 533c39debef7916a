import type { CSSProperties, ReactNode } from "react";
import { Typography } from "antd";

// Published documents are written in a small subset of Markdown. Everything is built as
// React elements, so text from the server is always text, never markup. Links leave the
// site only towards http(s) addresses; anything else (javascript:, data: …) stays text.

type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; lines: string[] }
  | { kind: "list"; ordered: boolean; start: number; items: string[] };

const HEADING = /^(#{1,3})\s+(.*?)(?:\s+#+)?\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;

function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  // The paragraph or list that the next line may continue.
  let open: Block | null = null;
  for (const raw of source.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (!line) {
      open = null;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      open = null;
      blocks.push({ kind: "heading", level: heading[1]!.length as 1 | 2 | 3, text: heading[2]! });
      continue;
    }
    const bullet = BULLET.exec(raw);
    const numbered = bullet ? null : NUMBERED.exec(raw);
    if (bullet || numbered) {
      const ordered = !!numbered;
      const text = bullet ? bullet[1]!.trim() : numbered![2]!.trim();
      if (open?.kind === "list" && open.ordered === ordered) open.items.push(text);
      else {
        open = { kind: "list", ordered, start: numbered ? Number(numbered[1]) : 1, items: [text] };
        blocks.push(open);
      }
      continue;
    }
    if (open?.kind === "list" && /^\s/.test(raw)) {
      // An indented line continues the last item.
      open.items[open.items.length - 1] += `\n${line}`;
      continue;
    }
    if (open?.kind === "paragraph") open.lines.push(line);
    else {
      open = { kind: "paragraph", lines: [line] };
      blocks.push(open);
    }
  }
  return blocks;
}

const INLINE = [
  { kind: "link", re: /\[([^\]\n]+)\]\(\s*([^)\s]+)\s*\)/ },
  { kind: "bold", re: /\*\*(?=\S)([\s\S]*?\S)\*\*/ },
  { kind: "italic", re: /\*(?=[^\s*])([^*]*?[^\s*])\*/ },
] as const;

const safeHref = (href: string): string | null => (/^https?:\/\/[^\s]+$/i.test(href) ? href : null);

/** Bold, italic and links, nested; line breaks inside a paragraph are kept. */
function inline(text: string, key = "i"): ReactNode[] {
  const out: ReactNode[] = [];
  let rest = text;
  let n = 0;
  while (rest) {
    let best: { kind: (typeof INLINE)[number]["kind"]; m: RegExpExecArray } | null = null;
    for (const { kind, re } of INLINE) {
      const m = re.exec(rest);
      // The earliest match wins; at the same place, the order above (** before *).
      if (m && (!best || m.index < best.m.index)) best = { kind, m };
    }
    if (!best) {
      out.push(...breaks(rest, `${key}-${n}`));
      break;
    }
    const { kind, m } = best;
    if (m.index > 0) out.push(...breaks(rest.slice(0, m.index), `${key}-${n}t`));
    const k = `${key}-${n}`;
    if (kind === "link") {
      const href = safeHref(m[2]!);
      out.push(
        href ? (
          <a key={k} href={href} target="_blank" rel="noopener noreferrer">
            {inline(m[1]!, k)}
          </a>
        ) : (
          // Not an http(s) address: shown as the text it is.
          <span key={k}>{m[0]}</span>
        ),
      );
    } else if (kind === "bold") {
      out.push(<strong key={k}>{inline(m[1]!, k)}</strong>);
    } else {
      out.push(<em key={k}>{inline(m[1]!, k)}</em>);
    }
    rest = rest.slice(m.index + m[0].length);
    n++;
  }
  return out;
}

function breaks(text: string, key: string): ReactNode[] {
  return text.split("\n").flatMap((part, i) => (i === 0 ? [part] : [<br key={`${key}-br${i}`} />, part]));
}

const headingTag = { 1: "h4", 2: "h5", 3: "h6" } as const;

/**
 * Renders a small, safe subset of Markdown: paragraphs, **bold**, *italic*, ordered and
 * unordered lists, headings # to ###, and [links](https://…).
 */
export function Markdown({ text, style, testId }: { text: string; style?: CSSProperties; testId?: string }) {
  const blocks = parseBlocks(text);
  return (
    <Typography style={{ overflowWrap: "anywhere", ...style }} data-testid={testId}>
      {blocks.map((b, i) => {
        // Blocks are spaced by their bottom margin only (the browser's top margin of <p> is not
        // reset everywhere); the last one's would add to whatever follows the text.
        const spacing = { marginTop: 0, marginBottom: i === blocks.length - 1 ? 0 : undefined };
        if (b.kind === "heading") {
          const Tag = headingTag[b.level];
          return (
            <Tag key={i} style={b.level === 3 ? { fontSize: 14, fontWeight: 600, margin: `${i === 0 ? 0 : 12}px 0 6px` } : { marginTop: i === 0 ? 0 : undefined }}>
              {inline(b.text, `h${i}`)}
            </Tag>
          );
        }
        if (b.kind === "list") {
          const items = b.items.map((item, j) => <li key={j}>{inline(item, `l${i}-${j}`)}</li>);
          return b.ordered ? (
            <ol key={i} start={b.start === 1 ? undefined : b.start} style={spacing}>
              {items}
            </ol>
          ) : (
            <ul key={i} style={spacing}>
              {items}
            </ul>
          );
        }
        return (
          <p key={i} style={spacing}>
            {inline(b.lines.join("\n"), `p${i}`)}
          </p>
        );
      })}
    </Typography>
  );
}

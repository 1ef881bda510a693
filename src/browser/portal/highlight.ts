/** The search marks matched words «like this»; they are shown as <mark>, as text, never as HTML. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

export function splitHighlights(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const part of snippet.split(/(«[^»]*»)/)) {
    if (part.startsWith("«") && part.endsWith("»") && part.length >= 2) parts.push({ text: part.slice(1, -1), marked: true });
    else if (part) parts.push({ text: part, marked: false });
  }
  return parts;
}

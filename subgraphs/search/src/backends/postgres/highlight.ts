import type { SearchHit } from '../port';

/** ts_headline marks matches with \x01…\x02 (removed from the text first, < > sent as U+E000/U+E001), so the text can be escaped after. */
export const HIGHLIGHT_OPTIONS = {
  name: 'StartSel="\x01", StopSel="\x02", HighlightAll=true',
  description: 'StartSel="\x01", StopSel="\x02", MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" … "',
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The fragment HTML-escaped, the matched words wrapped in <em>…</em>; null when nothing in it matched. */
export function markedFragment(headline: string | null): string | null {
  if (!headline || !headline.includes('\x01')) return null;
  return headline
    .replace(/[&<>"']/g, (ch) => ESCAPES[ch])
    .replace(/\uE000/g, '&lt;')
    .replace(/\uE001/g, '&gt;')
    .replaceAll('\x01', '<em>')
    .replaceAll('\x02', '</em>');
}

export function highlightsOf(hit: { name: string | null; description: string | null }): SearchHit['highlights'] {
  const highlights: SearchHit['highlights'] = [];
  for (const field of ['name', 'description'] as const) {
    const snippet = markedFragment(hit[field]);
    if (snippet) highlights.push({ field, snippets: snippet.split(' … ') });
  }
  return highlights;
}

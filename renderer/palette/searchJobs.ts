import type { JobSearchEntry } from '../data/views';

/**
 * Jobs whose title, customer or address contain every word typed, best first: a title that starts with
 * the query, then a title that contains it, then a customer name, then anything else.
 */
export function searchJobs(index: readonly JobSearchEntry[], query: string, limit: number): JobSearchEntry[] {
  const phrase = query.trim().toLowerCase();
  const words = phrase.split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const rank = (entry: JobSearchEntry): number => {
    const title = entry.title.toLowerCase();
    if (title.startsWith(phrase)) return 0;
    if (title.includes(phrase)) return 1;
    if (entry.customerName.toLowerCase().includes(phrase)) return 2;
    return 3;
  };
  const found: { entry: JobSearchEntry; rank: number }[] = [];
  for (const entry of index) {
    if (words.every((word) => entry.haystack.includes(word))) found.push({ entry, rank: rank(entry) });
  }
  return found
    .sort((a, b) => a.rank - b.rank || a.entry.title.localeCompare(b.entry.title))
    .slice(0, limit)
    .map((item) => item.entry);
}

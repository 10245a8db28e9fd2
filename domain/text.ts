/**
 * What text fields may hold. People's words, addresses and notes arrive from job sources and are shown to
 * dispatchers, technicians and customers: NUL and other control characters (which truncate or corrupt
 * other systems), bidi overrides and isolates (which make "exe.txt" read as "txt.exe") and lone surrogates
 * (not text at all) are refused. Line breaks and tabs are allowed only in multi-line fields.
 */

/** Fields that hold paragraphs (job descriptions, customer notes, a decline note, a cancel reason, a note's text). */
export const MULTILINE_FIELDS: ReadonlySet<string> = new Set(['description', 'notes', 'note', 'reason', 'text']);

// C0 controls and DEL and C1 controls; bidi embeddings/overrides U+202A–U+202E and isolates U+2066–U+2069.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const FORBIDDEN_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isSafeText(text: string, multiline = false): boolean {
  return !(multiline ? FORBIDDEN_MULTILINE : FORBIDDEN).test(text) && !LONE_SURROGATE.test(text);
}

/**
 * The path of the first string (value or key) in `value` that is not safe text, e.g. `customer.notes`;
 * undefined when all are. Stops at `maxDepth` (schemas refuse deeper values anyway).
 */
export function findUnsafeText(value: unknown, path: string[] = [], maxDepth = 8): string | undefined {
  if (typeof value === 'string') {
    const field = path[path.length - 1];
    return isSafeText(value, field !== undefined && MULTILINE_FIELDS.has(field))
      ? undefined
      : path.join('.') || '(value)';
  }
  if (typeof value !== 'object' || value === null || path.length >= maxDepth) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (!isSafeText(key)) return [...path, '(a key)'].join('.');
    const found = findUnsafeText(inner, [...path, key], maxDepth);
    if (found) return found;
  }
  return undefined;
}

export function unsafeTextMessage(field: string): string {
  return `The request is not valid: ${field}: must not contain control characters, bidi overrides or broken Unicode (line breaks and tabs only in descriptions and notes).`;
}

/** An IANA time zone this runtime knows (`America/Chicago`), not `Mars/Olympus`. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// The one parser of facial IDs (issue 12, finding 1). PostgreSQL compares uuid values without
// regard to case, braces or hyphens, but the in-memory index, the bus and every lockout key compare
// strings: an upper-case ID deleted the row yet left the template searchable. Every facial ID that
// enters the node (route parameters and bodies, index changes, bus events) goes through here, and
// everything downstream sees only the canonical form PostgreSQL itself prints.

/** The canonical form: lower-case, hyphenated 8-4-4-4-12 hex (PostgreSQL's output of a uuid). */
export const FACIAL_ID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const CANONICAL = new RegExp(FACIAL_ID_PATTERN);
const BARE = /^[0-9a-f]{32}$/;

/** Longest spelling accepted: `urn:uuid:` + braces around 36 characters. */
const MAX_SPELLING = 47;

/**
 * The canonical facial ID for the spellings of a UUID integrators send (any case; `{…}` braces as
 * .NET prints them; 32 hex digits without hyphens; a `urn:uuid:` prefix), or null for anything else.
 */
export function canonicalFacialId(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_SPELLING) return null;
  let id = value.toLowerCase();
  if (id.startsWith('urn:uuid:')) id = id.slice('urn:uuid:'.length);
  if (id.startsWith('{') && id.endsWith('}')) id = id.slice(1, -1);
  if (BARE.test(id)) id = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
  return CANONICAL.test(id) ? id : null;
}

/** A facial ID that is not one, where only canonical IDs may arrive (a bug upstream, not bad input). */
export class FacialIdError extends TypeError {}

/** canonicalFacialId(), throwing FacialIdError for a value that is not a facial ID. */
export function requireFacialId(value: unknown): string {
  const id = canonicalFacialId(value);
  if (id === null) throw new FacialIdError('not a facial ID (a UUID)');
  return id;
}

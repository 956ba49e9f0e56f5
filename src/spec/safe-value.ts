/**
 * Values quoted back in problem messages come from user input, which may hold secrets (a database
 * URL pasted where a Secret reference belongs) and may be anything a module can export (functions,
 * BigInt, cycles, 10,000-character strings). `safeValue` turns any value into a small, JSON-safe,
 * redacted copy that is safe to print, log or write as `--json`.
 */

/** What a secret-bearing value is replaced with. */
export const REDACTED = '<redacted>';

/** Longest string quoted back; longer ones are cut with their length noted. */
const MAX_STRING = 80;
/** A string `copy` already cut (so a second pass keeps it as it is). */
const TRUNCATED = /… \(\d+ characters\)$/;
/** Nesting kept in a quoted object or list; deeper parts become `[…]` / `{…}`. */
const MAX_DEPTH = 3;
/** Entries kept per quoted object or list. */
const MAX_ENTRIES = 8;

/**
 * Field names whose value is a credential or may hold one. Matched against every segment of a
 * problem's path and every key of a quoted object (case-insensitive, `_`/`-` ignored).
 */
const SECRET_NAME =
  /(secret|passw(or)?d|pwd|passphrase|token|credential|apikey|accesskey|privatekey|clientsecret|auth|cookie|session|signature|^key$|^value$|^cert|dsn|connectionstring)/;

/** Strings that look like credentials wherever they appear. */
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:[^\s/@]+@\S*/i, // URL with user:password@
  /-----BEGIN [A-Z0-9 ]*(PRIVATE KEY|CERTIFICATE)-----/,
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, // AWS access key id
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/, // GitHub tokens
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/, // Slack tokens
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, // JWT
  /\b(sk|pk|rk)_(live|test)_[A-Za-z0-9]{16,}/, // Stripe-style keys
  /(password|passwd|pwd|secret|token|apikey|api_key)\s*[=:]\s*[^\s,;]+/i, // key=value pairs in a string
];
/** A long unbroken run of mixed-case letters and digits (base64/hex keys), not a path or a name. */
const HIGH_ENTROPY = /^[A-Za-z0-9+/=_-]{32,}$/;

function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/** Whether a field name (e.g. `DB_PASSWORD`, `apiToken`, `value`) names a secret-bearing value. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(normalizedName(name));
}

/** Whether a string looks like a credential whatever field it is in. */
export function looksLikeCredential(text: string): boolean {
  if (CREDENTIAL_PATTERNS.some((re) => re.test(text))) return true;
  return HIGH_ENTROPY.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text) && /\d/.test(text);
}

/**
 * Free text (an error message from the user's module) with every credential-looking part replaced:
 * messages are quoted back, and a connection error often carries its URL.
 */
export function redactText(text: string): string {
  let out = text;
  for (const re of CREDENTIAL_PATTERNS)
    out = out.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`), REDACTED);
  return out
    .split(/(\s+)/)
    .map((word) => (looksLikeCredential(word.replace(/^['"(]+|['").,;:]+$/g, '')) ? REDACTED : word))
    .join('');
}

/** Segments of a problem path: `workload.secrets[0].value` → ['workload', 'secrets', '0', 'value']. */
function pathSegments(path: string): string[] {
  return path.split(/[.[\]]+/).filter(Boolean);
}

/**
 * Whether the value at `path` must never be printed: any segment names a secret, or it sits under
 * `secrets` (only the reference fields `envName` and `secretName` are shown there).
 */
export function isSecretPath(path: string): boolean {
  const segments = pathSegments(path);
  const underSecrets = segments.indexOf('secrets');
  if (underSecrets >= 0) {
    const rest = segments.slice(underSecrets + 1).filter((s) => !/^\d+$/.test(s));
    return !(rest.length === 1 && (rest[0] === 'envName' || rest[0] === 'secretName'));
  }
  // The top-level spec keys never make a path secret by themselves ("(spec)").
  return segments.some((s) => isSecretName(s));
}

/** A JSON-safe, redacted, truncated copy of `value` as found at `path`. */
export function safeValue(value: unknown, path = ''): unknown {
  if (value === undefined) return undefined;
  if (path !== '' && isSecretPath(path) && value !== null && !isTrivial(value)) return REDACTED;
  return copy(value, 0, new WeakSet());
}

/** Booleans, empty strings and empty containers carry no secret, and saying so helps the reader. */
function isTrivial(value: unknown): boolean {
  if (typeof value === 'boolean') return true;
  if (typeof value === 'string') return value === '';
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

function copy(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  switch (typeof value) {
    case 'string':
      if (looksLikeCredential(value)) return REDACTED;
      return value.length > MAX_STRING && !TRUNCATED.test(value) ? `${value.slice(0, MAX_STRING)}… (${value.length} characters)` : value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return `${value}n (a BigInt)`;
    case 'symbol':
      return `${String(value)} (a symbol)`;
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
    case 'undefined':
      return '[undefined]';
    default:
      break;
  }
  if (value === null) return null;
  const obj = value as object;
  if (seen.has(obj)) return '[circular]';
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? '[invalid Date]' : obj.toISOString();
  if (obj instanceof RegExp) return String(obj);
  if (typeof (obj as { then?: unknown }).then === 'function') return '[Promise]';
  if (depth >= MAX_DEPTH) return Array.isArray(obj) ? '[…]' : '{…}';
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      const items = obj.slice(0, MAX_ENTRIES).map((item) => copy(item, depth + 1, seen));
      if (obj.length > MAX_ENTRIES) items.push(`… ${obj.length - MAX_ENTRIES} more`);
      return items;
    }
    if (obj instanceof Map || obj instanceof Set) return `[${obj.constructor.name} of ${obj.size}]`;
    const out: Record<string, unknown> = {};
    let keys: string[];
    try {
      keys = Object.keys(obj);
    } catch {
      return '[unreadable object]';
    }
    for (const key of keys.slice(0, MAX_ENTRIES)) {
      let item: unknown;
      try {
        item = (obj as Record<string, unknown>)[key];
      } catch {
        item = '[unreadable]';
      }
      out[key] = isSecretName(key) && item !== null && !isTrivial(item) ? REDACTED : copy(item, depth + 1, seen);
    }
    if (keys.length > MAX_ENTRIES) out['…'] = `${keys.length - MAX_ENTRIES} more`;
    return out;
  } finally {
    seen.delete(obj);
  }
}

/** The text a problem message shows for a value: `"abc"`, `42`, `missing`, `<redacted>`, `{"a":1}`. */
export function formatSafeValue(value: unknown, path = ''): string {
  const safe = safeValue(value, path);
  if (safe === undefined) return 'missing';
  if (safe === REDACTED) return REDACTED;
  if (typeof safe === 'string') return JSON.stringify(safe);
  if (typeof safe === 'number' || typeof safe === 'boolean' || safe === null) return String(safe);
  const json = JSON.stringify(safe);
  return json.length > MAX_STRING ? `${json.slice(0, MAX_STRING - 3)}...` : json;
}

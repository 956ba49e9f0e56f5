/**
 * EC2 passes at most 16 KiB of user data, counted before base64 encoding
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-add-user-data.html, 2026-11).
 */
export const EC2_USER_DATA_MAX_BYTES = 16 * 1024;

/** A single-quoted shell word: safe for any value, including spaces and quotes. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A shell command that writes `content` to `path` verbatim (quoted here-document: no expansion),
 * with the given mode. Throws if the content contains the delimiter line.
 */
export function writeFileCommand(path: string, content: string, mode = '0644'): string {
  const delimiter = 'ORQUESTA_EOF';
  if (content.split('\n').includes(delimiter)) throw new Error(`content for ${path} contains the line '${delimiter}'`);
  const body = content.endsWith('\n') ? content : `${content}\n`;
  return `install -d -m 0755 "$(dirname ${shellQuote(path)})"\ncat > ${shellQuote(path)} <<'${delimiter}'\n${body}${delimiter}\nchmod ${mode} ${shellQuote(path)}\n`;
}

/**
 * Base64 user data for a launch template. The script is static text (apply-time values reach
 * the node as instance tags), so it is encoded here and Terraform never parses the shell code.
 */
export function toUserData(script: string): string {
  const bytes = Buffer.byteLength(script, 'utf8');
  if (bytes > EC2_USER_DATA_MAX_BYTES) {
    throw new Error(`user data is ${bytes} bytes; EC2 accepts at most ${EC2_USER_DATA_MAX_BYTES}`);
  }
  return Buffer.from(script, 'utf8').toString('base64');
}

/** Inverse of `toUserData`, for tests and reviewers. */
export function fromUserData(userData: string): string {
  return Buffer.from(userData, 'base64').toString('utf8');
}

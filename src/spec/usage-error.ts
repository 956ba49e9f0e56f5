/** A wrong flag or option value: reported like a spec problem (exit 2, nothing written). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

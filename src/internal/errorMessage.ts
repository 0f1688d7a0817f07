/**
 * The message of a thrown value, for quoting it in another error's message: its `message` if it has one (an Error),
 * otherwise the value as a string (a thrown string, number, or object without a message).
 */
export function errorMessage(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}

/** A command given wrongly: the message says what is wrong and how to write it; exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

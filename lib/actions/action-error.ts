/** Why an action was refused: an HTTP status, a stable code (pages translate it) and a message. */
export class ActionError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 429,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

export const notFound = (what: string) => new ActionError(404, "not_found", `${what} not found`);
export const forbidden = () => new ActionError(403, "forbidden", "this account may not do that");

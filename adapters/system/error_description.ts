/**
 * What may be logged about an unexpected error: its class and a message
 * that holds no SQL and no customer data.
 *
 * @module
 */

/** Driver errors carry the statement (`sql`) and the server's words, which quote values. */
function isDriverError(error: Error): boolean {
  return "sql" in error || "sqlMessage" in error || "errno" in error;
}

/** The longest error message logged. */
const MAX_MESSAGE_LENGTH = 300;

/**
 * The class and a message safe to log for an unexpected error: a driver's
 * error is reduced to its code (its message can quote a customer's values),
 * and the first cause is described the same way.
 */
export function describeError(error: unknown): Record<string, string | undefined> {
  const describe = (value: unknown): { name: string; message: string } => {
    if (!(value instanceof Error)) return { name: typeof value, message: "a non-Error was thrown" };
    const code = (value as { code?: unknown }).code;
    const message = isDriverError(value)
      ? `driver error ${typeof code === "string" ? code : "without a code"}`
      : value.message.slice(0, MAX_MESSAGE_LENGTH);
    return { name: value.constructor.name || value.name, message };
  };
  const outer = describe(error);
  const cause = error instanceof Error && error.cause !== undefined
    ? describe(error.cause)
    : undefined;
  return {
    error_class: outer.name,
    error_message: outer.message,
    cause_class: cause?.name,
    cause_message: cause?.message,
  };
}

/**
 * How a client's value is quoted back in an error message: whole when short,
 * cut with an ellipsis when long, so that a huge bad value never makes a huge
 * error.
 *
 * @module
 */

/** The longest piece of a client's value quoted back in a message, by default. */
export const MAX_QUOTED_LENGTH = 60;

/** The value itself, or its first `max` characters followed by `…`. */
export function excerpt(value: string, max: number = MAX_QUOTED_LENGTH): string {
  const characters = [...value];
  return characters.length > max ? `${characters.slice(0, max).join("")}…` : value;
}

/**
 * Assertions on the typed errors of the domain, shared by the unit tests.
 *
 * @module
 */

import assert from "node:assert/strict";
import { DomainError, type ErrorCode } from "../../domain/errors.ts";

function check(error: unknown, code: ErrorCode, message?: RegExp | string): DomainError {
  assert.ok(
    error instanceof DomainError,
    `expected a DomainError ${code}, got ${error instanceof Error ? error.stack : error}`,
  );
  assert.equal(error.code, code, `wrong code; message was: ${error.message}`);
  if (typeof message === "string") {
    assert.ok(
      error.message.includes(message),
      `message ${JSON.stringify(error.message)} does not contain ${JSON.stringify(message)}`,
    );
  } else if (message !== undefined) {
    assert.match(error.message, message);
  }
  return error;
}

/**
 * Runs `action` and checks it throws a {@linkcode DomainError} with `code`, and a
 * message containing `message` (a string) or matching it (a RegExp).
 */
export function throwsDomainError(
  action: () => unknown,
  code: ErrorCode,
  message?: RegExp | string,
): DomainError {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) assert.fail(`expected a DomainError ${code}, nothing was thrown`);
  return check(thrown, code, message);
}

/** Like {@linkcode throwsDomainError}, for a promise that must reject. */
export async function rejectsDomainError(
  promise: Promise<unknown>,
  code: ErrorCode,
  message?: RegExp | string,
): Promise<DomainError> {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) assert.fail(`expected a DomainError ${code}, the promise resolved`);
  return check(thrown, code, message);
}

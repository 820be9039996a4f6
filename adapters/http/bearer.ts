/**
 * The token of an `Authorization: Bearer TOKEN` header, which keeps the token
 * out of access logs (PROTOCOL.md, "Base path and the two URL styles").
 *
 * @module
 */

import { DomainError } from "../../domain/errors.ts";

const BEARER = /^Bearer(?:\s+(.*))?$/i;

/**
 * The Bearer token of an `Authorization` header, or `undefined` when there is
 * no header or it uses another scheme: a front proxy's HTTP Basic
 * authentication (common in front of a Vtiger) must not be taken for ours.
 * `Bearer` with nothing after it is `TOKEN_NOT_FOUND`.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = BEARER.exec(header.trim());
  if (match === null) return undefined;
  const token = (match[1] ?? "").trim();
  if (token === "") {
    throw new DomainError(
      "TOKEN_NOT_FOUND",
      "The Authorization header names the Bearer scheme but carries no token",
    );
  }
  return token;
}

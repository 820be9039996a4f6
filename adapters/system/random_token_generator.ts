/**
 * Tokens from the platform's cryptographic random source, stored as SHA-256.
 *
 * @module
 */

import type { TokenGenerator } from "../../domain/ports.ts";

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Makes 128-bit random tokens as 32 hex characters and hashes them with SHA-256. */
export class RandomTokenGenerator implements TokenGenerator {
  /** A new unguessable token. */
  newToken(): string {
    return toHex(crypto.getRandomValues(new Uint8Array(16)));
  }

  /** The SHA-256 of the token, in hex: what storage keeps instead of the token. */
  async hash(token: string): Promise<string> {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
    return toHex(new Uint8Array(digest));
  }
}

/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

/** Makes session tokens and the hashes they are stored under. */
export interface TokenGenerator {
  /** A new token: 32 hexadecimal characters from a cryptographic source. */
  newToken(): string;
  /** The hash a token is stored under. */
  hash(token: string): Promise<string>;
}

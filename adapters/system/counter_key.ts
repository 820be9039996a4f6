/**
 * The fixed-size form counter stores keep of a key: its SHA-256, so that a
 * key holding a client's huge value (a 60 KB user name) costs 64 characters.
 *
 * @module
 */

import { createHash } from "node:crypto";

/** The SHA-256 of a counter key, 64 hexadecimal characters. */
export function counterDigest(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

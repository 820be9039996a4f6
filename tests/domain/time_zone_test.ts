/**
 * Wall-clock times in the install's zone.
 */

import assert from "node:assert/strict";
import { formatDateTime, isKnownTimeZone } from "../../domain/time_zone.ts";

Deno.test("formatDateTime writes the wall clock of the zone, to the second", () => {
  const instant = new Date("2026-11-28T20:59:59.987Z");
  assert.equal(formatDateTime(instant), "2026-11-28 20:59:59");
  assert.equal(formatDateTime(instant, "UTC"), "2026-11-28 20:59:59");
  assert.equal(formatDateTime(instant, "Asia/Tokyo"), "2026-11-29 05:59:59");
  assert.equal(formatDateTime(instant, "America/New_York"), "2026-11-28 15:59:59");
  assert.equal(
    formatDateTime(new Date("2026-11-28T15:00:00Z"), "Asia/Tokyo"),
    "2026-11-29 00:00:00",
  );
  assert.equal(
    formatDateTime(new Date("2026-03-29T01:30:00Z"), "Europe/Paris"),
    "2026-03-29 03:30:00",
  );
});

Deno.test("isKnownTimeZone accepts IANA names only", () => {
  assert.ok(isKnownTimeZone("Asia/Tokyo"));
  assert.ok(isKnownTimeZone("UTC"));
  assert.ok(!isKnownTimeZone("Mars/Olympus"));
  assert.ok(!isKnownTimeZone(""));
});

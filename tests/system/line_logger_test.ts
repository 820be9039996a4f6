/** The line logger: one JSON object (or one readable line) per event, from the chosen level up. */

import assert from "node:assert/strict";
import { LineLogger } from "../../adapters/system/line_logger.ts";

const NOW = new Date("2026-01-02T03:04:05.678Z");

function logged(options: ConstructorParameters<typeof LineLogger>[0]): {
  logger: LineLogger;
  lines: string[];
} {
  const lines: string[] = [];
  return {
    logger: new LineLogger({ now: () => NOW, write: (line) => lines.push(line), ...options }),
    lines,
  };
}

Deno.test("JSON lines: time, level, event, then the fields given", () => {
  const { logger, lines } = logged({});
  logger.log("info", "request", { request_id: "r1", status: 200, user_id: undefined, ok: true });
  assert.deepEqual(lines, [
    '{"time":"2026-01-02T03:04:05.678Z","level":"info","event":"request","request_id":"r1","status":200,"ok":true}',
  ]);
});

Deno.test("levels below the chosen one are not written", () => {
  const { logger, lines } = logged({ level: "warn" });
  logger.log("debug", "a");
  logger.log("info", "b");
  logger.log("warn", "c");
  logger.log("error", "d");
  assert.deepEqual(lines.map((line) => JSON.parse(line).event), ["c", "d"]);
});

Deno.test("a value can neither forge a line nor replace the fixed fields", () => {
  const { logger, lines } = logged({});
  logger.log("info", "x", { note: "a\nb\r\u001b[31m", level: "error", event: "forged" });
  assert.equal(lines.length, 1);
  const entry = JSON.parse(lines[0]);
  assert.equal(entry.note, "a b  [31m");
  assert.equal(entry.level, "info");
  assert.equal(entry.event, "x");
});

Deno.test("long values are cut", () => {
  const { logger, lines } = logged({});
  logger.log("info", "x", { note: "y".repeat(10_000) });
  assert.ok(lines[0].length < 700);
});

Deno.test("pretty lines for people", () => {
  const { logger, lines } = logged({ format: "pretty" });
  logger.log("warn", "shutdown", { signal: "SIGTERM", note: "two words" });
  assert.deepEqual(lines, [
    '2026-01-02T03:04:05.678Z WARN  shutdown signal=SIGTERM note="two words"',
  ]);
});

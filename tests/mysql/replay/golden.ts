/**
 * The oracle's golden recordings (`../shared/vtiger/oracle/<scenario>.json`),
 * read as normalized scenarios.
 *
 * @module
 */

import type { NormalizedScenario } from "./normalize.ts";

/** Where the oracle's files lie: `../shared/vtiger/oracle/` beside the repo root. */
export function oracleUrl(file: string): URL {
  return new URL(`../../../../shared/vtiger/oracle/${file}`, import.meta.url);
}

/**
 * The scenarios this project recorded itself on the same oracle, in the same
 * format (`recordings/recipes.py` says how): they are read from here first.
 */
export function projectRecordingUrl(file: string): URL {
  return new URL(`./recordings/${file}`, import.meta.url);
}

async function readRecording(file: string): Promise<string> {
  try {
    return await Deno.readTextFile(projectRecordingUrl(file));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    return await Deno.readTextFile(oracleUrl(file));
  }
}

const cache = new Map<string, Promise<NormalizedScenario>>();

/** The golden recording of a scenario, the project's or the oracle's (read once per process). */
export function readGolden(scenario: string): Promise<NormalizedScenario> {
  let golden = cache.get(scenario);
  if (golden === undefined) {
    golden = readRecording(`${scenario}.json`).then((text) =>
      JSON.parse(text) as NormalizedScenario
    );
    cache.set(scenario, golden);
  }
  return golden;
}

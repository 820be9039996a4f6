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

const cache = new Map<string, Promise<NormalizedScenario>>();

/** The golden recording of a scenario (read once per process). */
export function readGolden(scenario: string): Promise<NormalizedScenario> {
  let golden = cache.get(scenario);
  if (golden === undefined) {
    golden = Deno.readTextFile(oracleUrl(`${scenario}.json`)).then((text) =>
      JSON.parse(text) as NormalizedScenario
    );
    cache.set(scenario, golden);
  }
  return golden;
}

/**
 * The Dockerfile and the README's systemd unit start the service the
 * documented way (`deno task start`) and set only settings the service
 * reads, so that neither drifts from the code.
 */

import assert from "node:assert/strict";
import { CONFIG_VARIABLES } from "../../adapters/env/config.ts";

const ROOT = new URL("../../", import.meta.url);

/** Variables that configure Deno itself rather than vtrest. */
const DENO_VARIABLES = ["DENO_DIR"];

function assertKnown(names: readonly string[], where: string): void {
  assert.ok(names.length > 0, `${where} sets some variables`);
  for (const name of names) {
    assert.ok(
      CONFIG_VARIABLES.includes(name) || DENO_VARIABLES.includes(name),
      `${where} sets ${name}, which vtrest does not read`,
    );
  }
}

Deno.test("the Dockerfile uses Deno's official image and starts deno task start", async () => {
  const dockerfile = await Deno.readTextFile(new URL("Dockerfile", ROOT));
  assert.match(dockerfile, /^FROM denoland\/deno:\$\{DENO_VERSION\}$/m);
  assert.match(dockerfile, /^CMD \["deno", "task", "start"\]$/m);
  assert.match(dockerfile, /^USER deno$/m);
  const env = dockerfile.match(/^ENV ([\s\S]*?)\n(?!\s)/m)?.[1] ?? "";
  assertKnown([...env.matchAll(/([A-Z_]+)=/g)].map((match) => match[1]), "the Dockerfile");
  assert.match(env, /LISTEN_HOST=0\.0\.0\.0/, "never HOSTNAME, which Docker sets");
});

Deno.test("the README's systemd unit starts deno task start", async () => {
  const readme = await Deno.readTextFile(new URL("README.md", ROOT));
  const unit = readme.match(/```ini\n(# \/etc\/systemd\/system\/vtrest\.service[\s\S]*?)```/)?.[1];
  assert.ok(unit !== undefined, "the README has the unit");
  assert.match(unit, /^ExecStart=\S*deno task start$/m);
  assert.match(unit, /^KillSignal=SIGTERM$/m);
  assertKnown(
    [...unit.matchAll(/^Environment=([A-Z_]+)=/gm)].map((match) => match[1]),
    "the systemd unit",
  );
});

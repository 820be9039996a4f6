/** serve.ts: the same service under `deno serve` (what `deno serve --parallel` needs). */

import assert from "node:assert/strict";
import { freePort } from "./_service_process.ts";

Deno.test("deno serve serve.ts answers on LISTEN_HOST and PORT", async () => {
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["serve", "--allow-net", "--allow-env", "--allow-read", "serve.ts"],
    cwd: new URL("../../", import.meta.url),
    env: { LISTEN_HOST: "127.0.0.1", PORT: String(port), NO_COLOR: "1" },
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  try {
    let answer: Response | undefined;
    for (let attempt = 0; attempt < 100 && answer === undefined; attempt++) {
      answer = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      if (answer === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(answer?.status, 200);
    assert.equal((await answer!.json()).result.status, "ok");
  } finally {
    child.kill("SIGTERM");
    await child.status;
  }
});

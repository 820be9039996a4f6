/**
 * vtrest used as a library the way the README says: another Deno project,
 * in a folder outside this one, lists vtrest as a workspace member and
 * imports `@vtrest/vtrest`; vtrest's own deno.json imports resolve, the
 * program type-checks and runs. Also: `deno doc --lint mod.ts` passes.
 */

import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);

/** What a consuming project's program does: the use cases on the demo, and the HTTP app. */
const CONSUMER = `import {
  createApp,
  createDemoPorts,
  createUseCases,
  DomainError,
  LineLogger,
  type UseCases,
} from "@vtrest/vtrest";

const useCases: UseCases = createUseCases(createDemoPorts());
const token = await useCases.loginWithPassword.execute({ userName: "admin", password: "admin" });
const page = await useCases.listRecords.execute({
  token,
  module: "Accounts",
  criteria: "accountname:like:MEDIA%",
  order: "accountname DESC",
  length: 10,
});
const app = createApp(useCases, { logger: new LineLogger({ level: "error" }) });
const health = await app.request("/healthz");
try {
  await useCases.listRecords.execute({ token, module: "Accounts", criteria: "employees:abc" });
} catch (error) {
  console.log(error instanceof DomainError ? error.code : "unexpected");
}
console.log(page.length, health.status);
`;

async function deno(
  args: string[],
  cwd: string,
): Promise<{ code: number; out: string; err: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    out: decoder.decode(output.stdout),
    err: decoder.decode(output.stderr),
  };
}

Deno.test("another project imports vtrest as a workspace member", async () => {
  const project = await Deno.makeTempDir({ prefix: "vtrest-consumer-" });
  try {
    await Deno.symlink(ROOT.pathname.replace(/\/$/, ""), `${project}/vtrest`);
    await Deno.writeTextFile(
      `${project}/deno.json`,
      JSON.stringify({ workspace: ["./vtrest"] }, null, 2),
    );
    await Deno.writeTextFile(`${project}/main.ts`, CONSUMER);

    const checked = await deno(["check", "main.ts"], project);
    assert.equal(checked.code, 0, checked.err);
    const ran = await deno(
      ["run", "--allow-env", "--allow-read", "--allow-net", "main.ts"],
      project,
    );
    assert.equal(ran.code, 0, ran.err);
    assert.equal(ran.out, "INVALID_PARAMETER\n2 200\n");
    assert.ok(!/warning/i.test(ran.err), ran.err);
  } finally {
    await Deno.remove(project, { recursive: true });
  }
});

Deno.test("deno doc --lint mod.ts passes", async () => {
  const linted = await deno(["doc", "--lint", "mod.ts"], ROOT.pathname);
  assert.equal(linted.code, 0, linted.err + linted.out);
});

Deno.test("mod.ts exports what a composer needs, not internals", async () => {
  const surface = await import("../../mod.ts");
  for (
    const name of [
      "createUseCases",
      "createApp",
      "openMysqlPorts",
      "createDemoPorts",
      "DomainError",
      "LineLogger",
    ]
  ) {
    assert.ok(name in surface, `${name} is exported`);
  }
  for (
    const name of [
      "isPhpEmpty",
      "CRMENTITY_QUERY_COLUMNS",
      "parseCriteria",
      "checkFieldValues",
      "shapeRecord",
    ]
  ) {
    assert.ok(!(name in surface), `${name} is internal`);
  }
});

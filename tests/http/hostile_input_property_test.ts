/**
 * Generated hostile strings in every parameter of both URL styles and in
 * every body field, on the in-memory demo: never a 500, always the envelope,
 * nothing changed by what was refused (tests/_fixtures/hostile_requests.ts).
 */

import { attackEveryParameter, attackWithPrototypeNames } from "../_fixtures/hostile_requests.ts";
import { adminToken, BASE, demoApp } from "./helpers.ts";

Deno.test("hostile input on the demo: a 4xx envelope or correct data, never a 500", async (t) => {
  const { app } = demoApp();
  const token = await adminToken(app);
  await attackEveryParameter(t, {
    app,
    token,
    base: BASE,
    records: { Accounts: "3", Contacts: "10" },
    runs: 40,
  });
});

Deno.test("prototype names anywhere on the demo (emailoptout=constructor and the like)", async (t) => {
  const { app } = demoApp();
  const token = await adminToken(app);
  await attackWithPrototypeNames(t, {
    app,
    token,
    base: BASE,
    records: { Accounts: "3", Contacts: "10" },
    runs: 0,
  });
});

/**
 * A primary and a "replica" database whose copies of one Account differ
 * ("Acme (primary)" and "Acme (replica)", the same id), so that each read
 * shows which database answered it: shared by the read replica tests.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type Instance, login, startInstance } from "./_two_instances.ts";
import type { VtigerTestDatabase } from "./vtiger_test_database.ts";

/** Creates an Account named `name` through the instance; returns its id. */
export async function createAccount(
  instance: Instance,
  token: string,
  name: string,
): Promise<number> {
  const answer = await instance.call(`Accounts/${token}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ accountname: name }),
  });
  const body = await answer.json();
  assert.equal(answer.status, 201, JSON.stringify(body));
  return Number(typeof body.result === "object" ? body.result.id : body.result);
}

/** The account's name as the instance reads it by id, and how long the read took. */
export async function timedName(
  instance: Instance,
  token: string,
  id: number,
): Promise<{ name: string; ms: number }> {
  const started = performance.now();
  const answer = await instance.call(`Accounts/${id}/${token}`);
  const body = await answer.json();
  assert.equal(answer.status, 200, JSON.stringify(body));
  return { name: body.result.accountname, ms: Math.round(performance.now() - started) };
}

/** Creates "Acme (replica)" in the replica through an instance of its own; returns its id. */
export async function seedReplicaAccount(replica: VtigerTestDatabase): Promise<number> {
  const onReplica = await startInstance({ VTIGER_DB_URL: replica.url });
  try {
    return await createAccount(onReplica, await login(onReplica), "Acme (replica)");
  } finally {
    await onReplica.close();
  }
}

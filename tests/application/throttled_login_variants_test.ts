/**
 * Vtiger's database finds a user under many spellings of the name (MySQL's
 * `_ci` collations ignore case, accents and trailing spaces): the failed
 * logins of an account count together whichever spelling they used.
 */

import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { MemoryCounterStore } from "../../adapters/memory/memory_counter_store.ts";
import { createUseCases } from "../../application/use_cases.ts";
import type { UserDirectory } from "../../domain/ports.ts";
import { DEFAULT_THROTTLE_POLICY } from "../../domain/login_throttling.ts";
import { rejectsDomainError } from "./_support.ts";

/** Compares user names the way a `_general_ci` collation does. */
function looseName(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").replace(/ +$/, "").toLowerCase();
}

/** The demo's users, found as a Vtiger database finds them. */
function looselyMatching(users: UserDirectory): UserDirectory {
  return {
    findByUserName: (userName) =>
      users.findByUserName(looseName(userName) === "admin" ? "admin" : userName),
    findByAccessKey: (accessKey) => users.findByAccessKey(accessKey),
    findById: (id) => users.findById(id),
    ownerExists: (id) => users.ownerExists(id),
    userExists: (id) => users.userExists(id),
    decoyPassword: (userName) => users.decoyPassword(userName),
  };
}

Deno.test("another spelling of a throttled user's name waits too", async () => {
  const clock = { now: () => new Date(Date.UTC(2026, 0, 1)) };
  const ports = createDemoPorts({ clock });
  const useCases = createUseCases({
    ...ports,
    users: looselyMatching(ports.users),
    counters: new MemoryCounterStore(),
  }, { throttlePolicy: { ...DEFAULT_THROTTLE_POLICY, pairFreeFailures: 3 } });
  const spellings = ["admin", "Àdmin", "admin ", "ADMÍN"];
  for (const userName of spellings.slice(0, 3)) {
    await rejectsDomainError(
      useCases.loginWithPassword.execute({
        userName,
        password: "wrong",
        clientAddress: "192.0.2.1",
      }),
      "AUTH_FAILED",
    );
  }
  for (const userName of spellings) {
    await rejectsDomainError(
      useCases.loginWithPassword.execute({
        userName,
        password: "admin",
        clientAddress: "192.0.2.1",
      }),
      "TOO_MANY_REQUESTS",
    );
  }
});

import assert from "node:assert/strict";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { MemoryLoginThrottle } from "../../adapters/memory/memory_login_throttle.ts";
import { createUseCases } from "../../application/use_cases.ts";
import { DomainError } from "../../domain/errors.ts";

function setup(now: { time: number }) {
  const clock = { now: () => new Date(now.time) };
  const throttle = new MemoryLoginThrottle({ maxFailures: 3, windowSeconds: 60 });
  return createUseCases({ ...createDemoPorts({ clock }), throttle });
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

Deno.test("login throttling", async (t) => {
  await t.step("locks a user after repeated wrong passwords, even with the right one", async () => {
    const now = { time: Date.UTC(2026, 0, 1) };
    const useCases = setup(now);
    for (let attempt = 0; attempt < 3; attempt++) {
      assert.equal(
        await code(useCases.loginWithPassword.execute({ userName: "admin", password: "x" })),
        "AUTH_FAILED",
      );
    }
    const locked = useCases.loginWithPassword.execute({ userName: "admin", password: "admin" });
    await assert.rejects(locked, (error: DomainError) => {
      assert.equal(error.code, "TOO_MANY_REQUESTS");
      assert.equal(error.details.retryAfterSeconds, 60);
      return true;
    });
    now.time += 61_000;
    const token = await useCases.loginWithPassword.execute({
      userName: "admin",
      password: "admin",
    });
    assert.match(token, /^[0-9a-f]{32}$/);
  });

  await t.step("a success clears the user's count but not the client's", async () => {
    const now = { time: Date.UTC(2026, 0, 1) };
    const useCases = setup(now);
    const client = "192.0.2.7";
    for (const userName of ["admin", "sales"]) {
      await code(
        useCases.loginWithPassword.execute({ userName, password: "x", clientAddress: client }),
      );
    }
    await useCases.loginWithPassword.execute({
      userName: "admin",
      password: "admin",
      clientAddress: client,
    });
    await code(useCases.loginWithAccessKey.execute({ accessKey: "nope", clientAddress: client }));
    assert.equal(
      await code(useCases.loginWithAccessKey.execute({
        accessKey: "DemoAccessKey016",
        clientAddress: client,
      })),
      "TOO_MANY_REQUESTS",
    );
    assert.equal(
      await code(useCases.loginWithAccessKey.execute({
        accessKey: "DemoAccessKey016",
        clientAddress: "192.0.2.8",
      })),
      "OK",
    );
  });

  await t.step("callers without an address are throttled per user only", async () => {
    const now = { time: Date.UTC(2026, 0, 1) };
    const useCases = setup(now);
    for (let attempt = 0; attempt < 5; attempt++) {
      assert.equal(
        await code(useCases.loginWithAccessKey.execute({ accessKey: `wrong${attempt}` })),
        "AUTH_FAILED",
      );
    }
    assert.equal(
      await code(useCases.loginWithAccessKey.execute({ accessKey: "DemoAccessKey016" })),
      "OK",
    );
  });
});

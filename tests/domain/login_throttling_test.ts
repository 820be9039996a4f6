/**
 * The throttle's rule: free failures, then a wait that doubles with each
 * failure up to a ceiling; a client known for a user waits only on its own
 * failures.
 */

import assert from "node:assert/strict";
import {
  accessKeyLoginKey,
  backOffSeconds,
  countedClient,
  DEFAULT_THROTTLE_POLICY,
  passwordLoginKeys,
  passwordLoginWait,
  type ThrottlePolicy,
} from "../../domain/login_throttling.ts";
import type { WindowCount } from "../../domain/ports.ts";

const T0 = Date.UTC(2026, 0, 1);
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const policy: ThrottlePolicy = {
  ...DEFAULT_THROTTLE_POLICY,
  pairFreeFailures: 3,
  userFreeFailures: 10,
  clientFreeFailures: 20,
  baseDelaySeconds: 2,
  maxDelaySeconds: 60,
};
const failures = (count: number, lastSecond = 0): WindowCount => ({
  count,
  firstAt: at(0),
  lastAt: at(lastSecond),
});

Deno.test("backOffSeconds", async (t) => {
  await t.step("no wait without failures or while they are free", () => {
    assert.equal(backOffSeconds(undefined, 3, policy, at(0)), 0);
    assert.equal(backOffSeconds(failures(2), 3, policy, at(0)), 0);
  });
  await t.step("then the base delay, doubled with each failure, from the latest one", () => {
    assert.equal(backOffSeconds(failures(3), 3, policy, at(0)), 2);
    assert.equal(backOffSeconds(failures(4), 3, policy, at(0)), 4);
    assert.equal(backOffSeconds(failures(5), 3, policy, at(0)), 8);
    assert.equal(backOffSeconds(failures(5), 3, policy, at(5)), 3);
    assert.equal(backOffSeconds(failures(5), 3, policy, at(8)), 0);
  });
  await t.step("never longer than the ceiling, however many failures", () => {
    assert.equal(backOffSeconds(failures(9), 3, policy, at(0)), 60);
    assert.equal(backOffSeconds(failures(10_000), 3, policy, at(0)), 60);
  });
});

Deno.test("passwordLoginWait", async (t) => {
  const keys = passwordLoginKeys("Admin", "192.0.2.1");
  const counts = (entries: Array<[string | undefined, WindowCount]>) =>
    new Map(entries.map(([key, count]) => [key!, count]));

  await t.step("names are compared without case; keys hold the user and the client", () => {
    assert.deepEqual(keys, passwordLoginKeys("ADMIN", "192.0.2.1"));
    assert.notEqual(keys.pair, passwordLoginKeys("admin", "192.0.2.2").pair);
    assert.equal(keys.user, passwordLoginKeys("admin", "192.0.2.2").user);
  });
  await t.step("the pair's own failures always count", () => {
    const wait = passwordLoginWait(keys, counts([[keys.pair, failures(3)]]), policy, at(0));
    assert.equal(wait, 2);
    const known = counts([[keys.pair, failures(3)], [keys.known, failures(1)]]);
    assert.equal(passwordLoginWait(keys, known, policy, at(0)), 2);
  });
  await t.step("the user's and the client's counts slow unknown clients only", () => {
    const attacked = counts([[keys.user, failures(12)], [keys.client, failures(25)]]);
    assert.equal(passwordLoginWait(keys, attacked, policy, at(0)), 60);
    const known = new Map([...attacked, [keys.known!, failures(1)]]);
    assert.equal(passwordLoginWait(keys, known, policy, at(0)), 0);
  });
  await t.step("without a client address: no client count, no known client", () => {
    const bare = passwordLoginKeys("admin", undefined);
    assert.equal(bare.client, undefined);
    assert.equal(bare.known, undefined);
    assert.equal(accessKeyLoginKey(undefined), undefined);
    assert.equal(accessKeyLoginKey(""), undefined);
  });
});

Deno.test("countedClient: IPv6 by its /64, IPv4-mapped as IPv4, anything else as given", () => {
  // One subscriber's /64 holds 2^64 addresses: each used to be a fresh client with fresh counts.
  const network = "2001:db8:1:2::/64";
  for (
    const address of [
      "2001:db8:1:2::1",
      "2001:0db8:0001:0002:ffff:ffff:ffff:ffff",
      "[2001:DB8:1:2:a:b:c:d]",
      "2001:db8:1:2::7%eth0",
      "2001:db8:1:2:0:0:192.0.2.1",
    ]
  ) {
    assert.equal(countedClient(address), network, address);
  }
  assert.equal(countedClient("2001:db8:1:3::1"), "2001:db8:1:3::/64");
  assert.equal(countedClient("::1"), "0:0:0:0::/64");
  assert.equal(countedClient("::ffff:192.0.2.1"), "192.0.2.1");
  assert.equal(countedClient("::FFFF:c000:0201"), "192.0.2.1");
  assert.equal(countedClient("192.0.2.1"), "192.0.2.1");
  for (const odd of ["", "proxy-a", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::1", "::1.2.3.999"]) {
    assert.equal(countedClient(odd), odd);
  }
  const keys = (address: string) => passwordLoginKeys("admin", address);
  assert.deepEqual(keys("2001:db8:1:2::1"), keys("2001:db8:1:2:dead:beef:0:1"));
  assert.notDeepEqual(keys("2001:db8:1:2::1"), keys("2001:db8:1:3::1"));
  assert.equal(accessKeyLoginKey("2001:db8:1:2::1"), accessKeyLoginKey("2001:db8:1:2::2"));
});

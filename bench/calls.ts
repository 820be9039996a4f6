/**
 * The calls the benchmark measures: how the load generator asks vtrest for
 * each, and what the baseline server is asked for the same call.
 *
 * Templates: `{id}` is a random Account crmid (any, or one the non-admin may
 * read), `{n}` a random Account number (1 to the number of Accounts), `{u}`
 * a value no other request has (Accounts refuse duplicate names).
 *
 * @module
 */

import { BENCH_PASSWORD, LOGIN_USER } from "./seed/dataset.ts";

/** Who makes the call. */
export type Caller = "admin" | "non-admin" | "nobody";

/** Which ids `{id}` draws from. */
export type IdPool = "accounts" | "non-admin accounts";

/** How many connections the load generator opens for the call. */
export type Load = "read" | "write" | "deep";

/** One measured call. */
export interface BenchCall {
  /** Short name, also the baseline's plan name. */
  readonly name: string;
  /** What the table shows. */
  readonly title: string;
  /** The caller. */
  readonly caller: Caller;
  /** HTTP method. */
  readonly method: "GET" | "POST" | "PUT";
  /** vtrest's path under the base path, with templates. */
  readonly path: string;
  /** A form body, with templates. */
  readonly body?: string;
  /** The pool of `{id}`. */
  readonly ids: IdPool;
  /** What the baseline gets as `?p=`, with templates (none: nothing varies). */
  readonly baselineInput?: string;
  /** The connection class. */
  readonly load: Load;
}

/** The page the deep-page call asks for: 90,000, or near the end of a smaller data set. */
export function deepStart(accounts: number): number {
  return Math.max(0, Math.min(90_000, accounts - 100));
}

/** Every call, in the order they run (writes last, so reads see the seeded data). */
export function benchCalls(accounts: number): readonly BenchCall[] {
  const deep = deepStart(accounts);
  return [
    {
      name: "login",
      title: "login (password)",
      caller: "nobody",
      method: "GET",
      path: `auth/${LOGIN_USER.userName}/${BENCH_PASSWORD}`,
      ids: "accounts",
      load: "write",
    },
    {
      name: "get_admin",
      title: "GET by id, admin",
      caller: "admin",
      method: "GET",
      path: "Accounts/{id}",
      ids: "accounts",
      baselineInput: "{id}",
      load: "read",
    },
    {
      name: "get_non_admin",
      title: "GET by id, non-admin",
      caller: "non-admin",
      method: "GET",
      path: "Accounts/{id}",
      ids: "non-admin accounts",
      baselineInput: "{id}",
      load: "read",
    },
    {
      name: "list_100",
      title: "list 100",
      caller: "admin",
      method: "GET",
      path: "Accounts",
      ids: "accounts",
      load: "read",
    },
    {
      name: "list_100_non_admin",
      title: "list 100, non-admin",
      caller: "non-admin",
      method: "GET",
      path: "Accounts",
      ids: "accounts",
      load: "read",
    },
    {
      name: "criteria_indexed",
      title: "criteria, indexed (email1 =)",
      caller: "admin",
      method: "GET",
      path: "Accounts/criteria/email1:account{n}@example.com",
      ids: "accounts",
      baselineInput: "account{n}@example.com",
      load: "read",
    },
    {
      name: "criteria_unindexed",
      title: "criteria, not indexed (bill_city like)",
      caller: "admin",
      method: "GET",
      path: "Accounts/criteria/bill_city:like:Mont%25",
      ids: "accounts",
      load: "read",
    },
    {
      name: "order_name",
      title: "list 100, order=accountname",
      caller: "admin",
      method: "GET",
      path: "Accounts/order/accountname",
      ids: "accounts",
      load: "read",
    },
    {
      name: "deep_page",
      title: `deep page start=${deep}`,
      caller: "admin",
      method: "GET",
      path: `Accounts/start/${deep}/length/100`,
      ids: "accounts",
      load: "deep",
    },
    {
      name: "create",
      title: "create",
      caller: "admin",
      method: "POST",
      path: "Accounts",
      body: "accountname=Bench+{u}&bill_city=Montpellier&email1=new{n}%40example.com",
      ids: "accounts",
      load: "write",
    },
    {
      name: "update",
      title: "update",
      caller: "admin",
      method: "PUT",
      path: "Accounts/{id}",
      body: "accountname=Renamed+{u}&bill_city=Paris",
      ids: "accounts",
      baselineInput: "{id}",
      load: "write",
    },
  ];
}

/** The plan of the naive deep page (record SELECT, `LIMIT 100 OFFSET start`): baseline only. */
export const NAIVE_DEEP_PAGE = "deep_page_naive";

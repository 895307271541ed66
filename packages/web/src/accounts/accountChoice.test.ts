import { ACCOUNT_TOPICS, accountTopic, parseTopic } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { accountItem } from "../../test/items.js";
import {
  accountTopics,
  chooseAccount,
  DEFAULT_ACCOUNT_CHOICE,
  readAccountParam,
  requestAccount,
  shownName,
  withAccountParam,
} from "./accountChoice.js";

const ACCOUNTS = [accountItem("main", true), accountItem("sub1")];

describe("chooseAccount", () => {
  it("names a listed account that is not the default one, with its topics' prefix", () => {
    expect(chooseAccount(ACCOUNTS, "sub1")).toEqual({ param: "sub1", topicPrefix: "account.sub1." });
    expect(shownName(ACCOUNTS, chooseAccount(ACCOUNTS, "sub1"))).toBe("sub1");
  });

  it("falls back to the default account for its own name, an unlisted name or none", () => {
    expect(chooseAccount(ACCOUNTS, "main")).toBe(DEFAULT_ACCOUNT_CHOICE);
    expect(chooseAccount(ACCOUNTS, "gone")).toBe(DEFAULT_ACCOUNT_CHOICE);
    expect(chooseAccount(ACCOUNTS, undefined)).toBe(DEFAULT_ACCOUNT_CHOICE);
    expect(chooseAccount([], "sub1")).toBe(DEFAULT_ACCOUNT_CHOICE);
    expect(shownName(ACCOUNTS, DEFAULT_ACCOUNT_CHOICE)).toBe("main");
  });
});

describe("requestAccount", () => {
  it("names the account shown with several accounts, the default one too; none with one account", () => {
    expect(requestAccount(ACCOUNTS, chooseAccount(ACCOUNTS, "sub1"))).toBe("sub1");
    expect(requestAccount(ACCOUNTS, DEFAULT_ACCOUNT_CHOICE)).toBe("main"); // without a name: all accounts together
    expect(requestAccount([accountItem("main", true)], DEFAULT_ACCOUNT_CHOICE)).toBeUndefined();
    expect(requestAccount([], DEFAULT_ACCOUNT_CHOICE)).toBeUndefined(); // a gateway older than several accounts
  });
});

describe("accountTopics", () => {
  it("subscribes the plain topic names for the default account", () => {
    expect(accountTopics(DEFAULT_ACCOUNT_CHOICE)).toEqual([...ACCOUNT_TOPICS]);
  });

  it("prefixes another account's topics as the contract names them", () => {
    const topics = accountTopics(chooseAccount(ACCOUNTS, "sub1"));
    expect(topics).toEqual(ACCOUNT_TOPICS.map((topic) => accountTopic(topic, "sub1")));
    expect(topics).toContain("account.sub1.fills");
    for (const topic of topics) expect(parseTopic(topic)).toMatchObject({ kind: "account", account: "sub1" });
  });
});

describe("the account in the page's URL", () => {
  it("reads an account name, and nothing that is not one", () => {
    expect(readAccountParam("?account=sub1")).toBe("sub1");
    expect(readAccountParam("?theme=dark&account=sub_2-b")).toBe("sub_2-b");
    expect(readAccountParam("")).toBeUndefined();
    expect(readAccountParam("?account=")).toBeUndefined();
    expect(readAccountParam("?account=..%2Fadmin")).toBeUndefined();
  });

  it("writes the account shown, or none for the default account, keeping the rest", () => {
    expect(withAccountParam("http://127.0.0.1:8080/", "sub1")).toBe("/?account=sub1");
    expect(withAccountParam("http://127.0.0.1:8080/?account=sub1&x=1#pnl", "sub2")).toBe("/?account=sub2&x=1#pnl");
    expect(withAccountParam("http://127.0.0.1:8080/?x=1&account=sub1", undefined)).toBe("/?x=1");
    expect(withAccountParam("http://127.0.0.1:8080/?account=sub1", undefined)).toBe("/");
  });
});

/**
 * Which of the gateway's accounts the dashboard shows. The default account (the first one the
 * gateway lists) has the plain topic names and is left out of the page's URL; another's topics
 * carry its prefix (`account.sub1.fills`) and the page's URL names it (`?account=sub1`), so a
 * reload or a bookmark shows the same account. Requests name the account shown whenever the
 * gateway lists several, the default one too (requestAccount): there, a request without a name
 * reads all accounts together.
 */
import { ACCOUNT_NAME, ACCOUNT_PARAM, ACCOUNT_TOPICS, type AccountItem } from "@mexc-live/contract";

export interface ChosenAccount {
  /** Its name in the page's URL (`?account=`); undefined: the default account, left out. */
  readonly param: string | undefined;
  /** What the names of its account topics start with: "" for the default account. */
  readonly topicPrefix: string;
}

export const DEFAULT_ACCOUNT_CHOICE: ChosenAccount = { param: undefined, topicPrefix: "" };

/** The account named `name` among `items`; the default account when it is not listed (or is the default). */
export function chooseAccount(items: readonly AccountItem[], name: string | undefined): ChosenAccount {
  const item = items.find((account) => account.name === name);
  if (item === undefined || item.default) return DEFAULT_ACCOUNT_CHOICE;
  return { param: item.name, topicPrefix: item.topicPrefix };
}

/** The name of the account shown, as listed (the default account's own name for DEFAULT_ACCOUNT_CHOICE). */
export function shownName(items: readonly AccountItem[], chosen: ChosenAccount): string | undefined {
  return chosen.param ?? items.find((account) => account.default)?.name;
}

/**
 * The name requests carry for `chosen`: its own; the default account's with several accounts
 * listed (without one they would read all accounts together); none with one account (or a
 * gateway older than several accounts), where a request without a name reads that account.
 */
export function requestAccount(items: readonly AccountItem[], chosen: ChosenAccount): string | undefined {
  if (chosen.param !== undefined || items.length < 2) return chosen.param;
  return (items.find((account) => account.default) ?? items[0])?.name; // the gateway lists the default first
}

/** The account topics of the account shown: the plain names, or each with the account's prefix. */
export function accountTopics(chosen: ChosenAccount): string[] {
  return ACCOUNT_TOPICS.map((topic) => `${chosen.topicPrefix}${topic}`);
}

/** The account named in the page's query string (`?account=sub1`); undefined when none or not an account name. */
export function readAccountParam(search: string): string | undefined {
  const name = new URLSearchParams(search).get(ACCOUNT_PARAM);
  return name !== null && ACCOUNT_NAME.test(name) ? name : undefined;
}

/** The page's URL naming `param` as its account (none for the default account); the rest kept as it is. */
export function withAccountParam(href: string, param: string | undefined): string {
  const url = new URL(href);
  if (param === undefined) url.searchParams.delete(ACCOUNT_PARAM);
  else url.searchParams.set(ACCOUNT_PARAM, param);
  return `${url.pathname}${url.search}${url.hash}`;
}

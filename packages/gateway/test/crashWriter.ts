/**
 * Test fixture (run as a child process by store.test.ts): writes batches of fills, an order and a
 * balance change in one transaction each, as fast as it can, until it is killed. Batch i holds
 * fills `b{i}-0` .. `b{i}-{BATCH_FILLS-1}`. Prints "ready" once READY_BATCHES are committed, and
 * goes on writing: a kill after it lands in the middle of a later batch.
 */
import { openStore } from "../src/store/store.js";
import { balanceEvent, fillEvent, orderEvent } from "./storeEvents.js";

export const BATCH_FILLS = 20;
/** Bounded: the parent kills it long before. */
const MAX_BATCHES = 200_000;
/** Batches committed before "ready" (a few hundred ms of writing: the test used to wait 300 ms after the first). */
const READY_BATCHES = 100;

export function writeBatch(store: ReturnType<typeof openStore>, i: number): void {
  store.batch(() => {
    for (let j = 0; j < BATCH_FILLS; j++) {
      store.upsertFill(fillEvent({ tradeId: `b${i}-${j}`, timestamp: 1_000_000 + i }), "0.001");
    }
    store.upsertOrder(
      orderEvent({ orderId: `o${i}`, status: "FILLED", cumulativeQuantity: "1", timestamp: 1_000_000 + i }),
    );
    store.applyBalance(balanceEvent({ free: String(i), timestamp: 1_000_000 + i }));
  });
}

if (process.argv[2] && process.argv[1]?.endsWith("crashWriter.ts")) {
  const store = openStore({ path: process.argv[2] });
  for (let i = 0; i < MAX_BATCHES; i++) {
    writeBatch(store, i);
    if (i === READY_BATCHES - 1) process.stdout.write("ready\n");
  }
  store.close();
}

/**
 * The schema, as numbered migrations. `PRAGMA user_version` holds how many have run; each runs
 * once, in its own transaction, so a crash leaves the schema at a whole step.
 *
 * Money and quantities are TEXT decimal strings (canonical: "1.5", never "1.50"). Times are INTEGER
 * ms since epoch. No numeric column stands for a value: sums happen in TypeScript with big.js.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE fills (
    trade_id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL,
    client_order_id TEXT NOT NULL,
    symbol TEXT NOT NULL,
    side TEXT NOT NULL,
    price TEXT NOT NULL,
    quantity TEXT NOT NULL,
    amount TEXT NOT NULL,
    fee TEXT NOT NULL,
    fee_currency TEXT NOT NULL,
    fee_value TEXT,
    fee_pair_value TEXT,
    amount_value TEXT,
    is_maker INTEGER NOT NULL,
    is_self_trade INTEGER NOT NULL,
    time INTEGER NOT NULL,
    source TEXT NOT NULL,
    received_at INTEGER NOT NULL
  );
  CREATE INDEX fills_by_time ON fills (time, trade_id);
  CREATE INDEX fills_by_symbol_time ON fills (symbol, time, trade_id);

  -- The last fill per symbol, kept apart from fills so retention never moves the resume point back.
  CREATE TABLE fill_watermarks (
    symbol TEXT PRIMARY KEY,
    trade_id TEXT NOT NULL,
    time INTEGER NOT NULL
  );

  CREATE TABLE orders (
    order_id TEXT PRIMARY KEY,
    client_order_id TEXT NOT NULL,
    symbol TEXT NOT NULL,
    side TEXT NOT NULL,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    is_open INTEGER NOT NULL,
    price TEXT NOT NULL,
    quantity TEXT NOT NULL,
    executed_quantity TEXT NOT NULL,
    cumulative_quote_quantity TEXT NOT NULL,
    avg_price TEXT NOT NULL,
    time INTEGER NOT NULL,
    update_time INTEGER NOT NULL,
    source TEXT NOT NULL
  );
  CREATE INDEX orders_by_time ON orders (time, order_id);
  CREATE INDEX orders_by_open_time ON orders (is_open, time, order_id);
  CREATE INDEX orders_by_symbol_time ON orders (symbol, time, order_id);

  CREATE TABLE order_history (
    id INTEGER PRIMARY KEY,
    order_id TEXT NOT NULL,
    symbol TEXT NOT NULL,
    status TEXT NOT NULL,
    executed_quantity TEXT NOT NULL,
    cumulative_quote_quantity TEXT NOT NULL,
    time INTEGER NOT NULL,
    source TEXT NOT NULL,
    UNIQUE (order_id, status, executed_quantity)
  );
  CREATE INDEX order_history_by_time ON order_history (time);

  CREATE TABLE balances (
    asset TEXT PRIMARY KEY,
    free TEXT NOT NULL,
    locked TEXT NOT NULL,
    update_time INTEGER NOT NULL
  );

  CREATE TABLE balance_changes (
    id INTEGER PRIMARY KEY,
    asset TEXT NOT NULL,
    free TEXT NOT NULL,
    locked TEXT NOT NULL,
    free_change TEXT NOT NULL,
    locked_change TEXT NOT NULL,
    change_type TEXT NOT NULL,
    time INTEGER NOT NULL,
    source TEXT NOT NULL,
    UNIQUE (asset, time, free, locked, free_change, locked_change, change_type)
  );
  CREATE INDEX balance_changes_by_time ON balance_changes (time);

  CREATE TABLE equity_snapshots (
    time INTEGER PRIMARY KEY,
    equity TEXT NOT NULL,
    by_asset TEXT NOT NULL
  );

  CREATE TABLE raw_frames (
    id INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    channel TEXT NOT NULL,
    bytes BLOB NOT NULL
  );
  CREATE INDEX raw_frames_by_time ON raw_frames (received_at);
  `,
  // 2: raw_frames holds the user stream's frames as received (protobuf bytes, for replay); the
  // channel is NULL when the frame did not name one. Until now --record-frames stored each account
  // event as JSON here: those rows are no frames, cannot be replayed, and are dropped.
  `
  DROP TABLE raw_frames;
  CREATE TABLE raw_frames (
    id INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    channel TEXT,
    bytes BLOB NOT NULL
  );
  CREATE INDEX raw_frames_by_time ON raw_frames (received_at);
  `,
  // 3: stop-limit and OCO orders (MEXC's orders push fields 18-21, docs/mexc/undocumented.md#orders item 11.8) and the raw values of
  // enums MEXC sent that the protocol does not know (status, type: shown as UNKNOWN). NULL on
  // ordinary orders; a later source that leaves them out keeps what an earlier one said.
  `
  ALTER TABLE orders ADD COLUMN trigger_price TEXT;
  ALTER TABLE orders ADD COLUMN trigger_type TEXT;
  ALTER TABLE orders ADD COLUMN trigger_state TEXT;
  ALTER TABLE orders ADD COLUMN oco_id TEXT;
  ALTER TABLE orders ADD COLUMN raw_values TEXT;
  `,
  // 4: the account's whole history (issue 12). transfers: deposits, withdrawals and spot <->
  // futures transfers from MEXC's wallet history or an imported file, one row per (type, id), its
  // status moving forward. backfill_windows: each window of MEXC's history the first start's
  // backfill has to fetch and whether it is done (resumable: a done window is never fetched
  // again). backfill_plan: when the backfill was planned and from when its history reaches.
  // opening_positions: what the user says an asset held at the start of the history cost.
  // import_keys: the content key of every imported fill, so a file imported twice adds nothing.
  `
  CREATE TABLE transfers (
    type TEXT NOT NULL,
    id TEXT NOT NULL,
    direction TEXT NOT NULL,
    asset TEXT NOT NULL,
    amount TEXT NOT NULL,
    fee TEXT NOT NULL,
    network TEXT NOT NULL,
    state TEXT NOT NULL,
    status TEXT NOT NULL,
    tx_id TEXT NOT NULL,
    address TEXT NOT NULL,
    time INTEGER NOT NULL,
    update_time INTEGER NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (type, id)
  );
  CREATE INDEX transfers_by_time ON transfers (time, id);
  CREATE INDEX transfers_by_asset_time ON transfers (asset, time);
  CREATE TABLE backfill_windows (
    kind TEXT NOT NULL,
    symbol TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    done_at INTEGER,
    items INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, symbol, start)
  );
  CREATE TABLE backfill_plan (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    planned_at INTEGER NOT NULL,
    history_from INTEGER NOT NULL,
    completed_at INTEGER
  );
  CREATE TABLE opening_positions (
    asset TEXT PRIMARY KEY,
    cost_price TEXT NOT NULL,
    set_at INTEGER NOT NULL
  );
  CREATE INDEX orders_by_update_time ON orders (update_time);
  `,
  // 5: the derived figures' checkpoint (issue 13): PnL by both methods, fees, volume and PnL per
  // day as of one fill, so a start replays only the fills stored after it instead of every fill.
  // equity_snapshots.estimated: points worked out from the history for days before the gateway
  // ran (balances now, walked back through fills and transfers, at the prices traded then).
  `
  CREATE TABLE figures_checkpoint (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    saved_at INTEGER NOT NULL,
    fills INTEGER NOT NULL,
    last_time INTEGER,
    last_trade_id TEXT,
    openings TEXT NOT NULL,
    state TEXT NOT NULL
  );
  ALTER TABLE equity_snapshots ADD COLUMN estimated INTEGER NOT NULL DEFAULT 0;
  `,
  // 6: alerts (issue 15). Rules added in the dashboard (the config file's live in the config;
  // a config rule muted in the dashboard is in alert_mutes), the outbox of raised alerts (one row
  // per destination and alert: raising the same alert twice changes nothing), and deliveries (one
  // message to one destination, carrying one alert or a folded burst). channel_url holds tokens:
  // the database file is private to its owner (privateFiles.ts).
  `
  CREATE TABLE alert_rules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event TEXT NOT NULL,
    channel_url TEXT NOT NULL,
    conditions TEXT NOT NULL,
    muted INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE alert_mutes (
    rule_id TEXT PRIMARY KEY
  );
  CREATE TABLE alert_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    destination TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    notice_id TEXT NOT NULL,
    notice TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    delivery_id INTEGER,
    UNIQUE (destination, notice_id)
  );
  CREATE INDEX alert_outbox_waiting ON alert_outbox (delivery_id, destination);
  CREATE TABLE alert_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    destination TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    to_masked TEXT NOT NULL,
    status TEXT NOT NULL,
    alerts INTEGER NOT NULL,
    events TEXT NOT NULL,
    title TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    last_error TEXT
  );
  CREATE INDEX alert_deliveries_open ON alert_deliveries (status, next_attempt_at);
  CREATE INDEX alert_deliveries_by_time ON alert_deliveries (created_at);
  CREATE TABLE alert_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 7: figures that add up (issue 27). fills.valuation_pending: the fill was received long after
  // its time (reconciled, backfilled, imported) and is valued at the market prices of its time
  // from MEXC's candles once they are fetched, not at the live prices when it arrived (ingest/
  // fillValuer.ts); the fills stored so far that arrived late are valued again that way. The
  // portfolio (figures/portfolio/): per asset its running totals at the end of each 15-minute
  // bucket with events (marks), the whole state at each UTC day's start (checkpoints), and what
  // they were built on (meta).
  `
  ALTER TABLE fills ADD COLUMN valuation_pending INTEGER NOT NULL DEFAULT 0;
  UPDATE fills SET valuation_pending = 1, fee_value = NULL, fee_pair_value = NULL, amount_value = NULL
    WHERE received_at - time > 120000;
  CREATE INDEX fills_valuation_pending ON fills (time) WHERE valuation_pending = 1;
  CREATE TABLE portfolio_marks (
    asset TEXT NOT NULL,
    time INTEGER NOT NULL,
    totals TEXT NOT NULL,
    PRIMARY KEY (asset, time)
  ) WITHOUT ROWID;
  CREATE TABLE portfolio_checkpoints (
    time INTEGER PRIMARY KEY,
    state TEXT NOT NULL
  );
  CREATE TABLE portfolio_meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    built_on TEXT NOT NULL,
    head_time INTEGER
  );
  DELETE FROM figures_checkpoint;
  `,
  // 8: the pending valuations are read oldest first, ties by trade id (store/fills.ts): an index on
  // time alone left SQLite walking every fill by time to find the few still pending, on each fill
  // that arrived (a 300,000-fill import made each live fill cost a full scan).
  `
  DROP INDEX fills_valuation_pending;
  CREATE INDEX fills_valuation_pending ON fills (time, trade_id) WHERE valuation_pending = 1;
  `,
  // 9: the figures' volume in the checkpoint, a row per UTC day (issue 31): at a million fills the
  // checkpoint was one 29 MB text, written in one statement after each rebuild and every few
  // minutes, holding the event loop 1.5 s. A save writes only the days a fill changed; the
  // checkpoint's row lists the (day, generation) rows it is made of, so rows written ahead (a
  // rebuild writes its days in slices) count only once the row naming them is written.
  `
  CREATE TABLE figures_checkpoint_days (
    day INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (day, generation)
  );
  ALTER TABLE figures_checkpoint ADD COLUMN days TEXT;
  `,
  // 10: what MEXC's answers say since 2025-2026 (issue 41). Why MEXC canceled an order: its REST
  // answers say cancelReason "stp_cancel" for an order self-trade prevention canceled; the orders
  // push never does, so a later REST read adds it to an order already stored as canceled. A
  // withdrawal's block explorer page (explorerUrl) and the id it was asked with (withdrawOrderId).
  `
  ALTER TABLE orders ADD COLUMN cancel_reason TEXT;
  ALTER TABLE transfers ADD COLUMN explorer_url TEXT;
  ALTER TABLE transfers ADD COLUMN withdraw_order_id TEXT;
  `,
  // 11: the journal's round trips kept across a restart (issue 39): at a million fills they were
  // built again from every fill at the first read after each start (4.2 s). A checkpoint per cost
  // method (what the trips were built on, the fills they hold, the open positions) and its trips
  // as text in chunks of a few thousand lines, each chunk under the generation it was written in:
  // the checkpoint's row names the generation of each of its chunks, so chunks written ahead of it
  // (a build writes them in slices of the event loop) count only once the row naming them is written.
  `
  CREATE TABLE journal_checkpoints (
    method TEXT PRIMARY KEY,
    built_on TEXT NOT NULL,
    fills INTEGER NOT NULL,
    last_time INTEGER,
    last_trade_id TEXT,
    state TEXT NOT NULL,
    chunks TEXT NOT NULL
  );
  CREATE TABLE journal_trip_chunks (
    method TEXT NOT NULL,
    chunk INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    lines TEXT NOT NULL,
    PRIMARY KEY (method, chunk, generation)
  );
  `,
  // 12: the portfolio's readings kept across a restart (issue 39): every asset's totals at one
  // moment, as a range's figures read them (a year by day reads 367), so the first read after a
  // start reads a row per moment instead of a mark per asset per moment (8,000 at 22 assets).
  // Dropped from where a mark is written, like the marks after a moment.
  `
  CREATE TABLE portfolio_readings (
    time INTEGER PRIMARY KEY,
    totals TEXT NOT NULL
  );
  `,
  // 13: each pair's sums of every fill (bought and sold quantity and amount, fees per currency),
  // kept with the rowid they reach and how many fills they hold: the opening positions are worked
  // out from them at each rebuild (after every backfill window, import or new opening cost), and
  // at a million fills reading every fill for them took 2 s a pass. A pass now reads the fills
  // stored after them. A fill deleted (retention) or changed in what they sum counts in
  // fills_removed, by trigger, whatever statement does it: sums kept at another count are summed
  // again (counting the fills instead held the event loop 64-86 ms at each pass). The journal's
  // checkpoint stands the same way: the rowid it holds every fill up to and that count (before, a
  // COUNT of the fills up to its last held the loop ~70 ms at each start).
  `
  CREATE TABLE fill_sums (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    up_to_row INTEGER NOT NULL,
    fills INTEGER NOT NULL,
    removed INTEGER NOT NULL,
    sums TEXT NOT NULL
  );
  CREATE TABLE fills_removed (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n INTEGER NOT NULL
  );
  INSERT INTO fills_removed (id, n) VALUES (1, 0);
  CREATE TRIGGER fills_removed_on_delete AFTER DELETE ON fills
    BEGIN UPDATE fills_removed SET n = n + 1 WHERE id = 1; END;
  CREATE TRIGGER fills_removed_on_update AFTER UPDATE OF symbol, side, quantity, amount, fee, fee_currency, time ON fills
    BEGIN UPDATE fills_removed SET n = n + 1 WHERE id = 1; END;
  ALTER TABLE journal_checkpoints ADD COLUMN row_mark INTEGER;
  ALTER TABLE journal_checkpoints ADD COLUMN removed INTEGER;
  `,
  // 14: one ledger, one loop (issue 55). Every read model of an account is kept by one keeper
  // from one cursor of the ledger's legs, and they checkpoint together, at the start of a UTC day,
  // in one table (store/ledgerCheckpoints.ts): each model's state then, and what each day added
  // to its series (the volume, the portfolio's marks, the journal's disposals), deflated. The
  // eight tables of the three keepers before it go; the figures are worked out again from the
  // fills at the first start (nothing of the history is lost: they were derived from it).
  `
  DROP TABLE figures_checkpoint;
  DROP TABLE figures_checkpoint_days;
  DROP TABLE portfolio_marks;
  DROP TABLE portfolio_checkpoints;
  DROP TABLE portfolio_meta;
  DROP TABLE portfolio_readings;
  DROP TABLE journal_checkpoints;
  DROP TABLE journal_trip_chunks;
  CREATE TABLE ledger_checkpoints (
    model TEXT NOT NULL,
    kind TEXT NOT NULL,
    day INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (model, kind, day)
  ) WITHOUT ROWID;
  `,
  // 15: each traded pair's base and quote asset, remembered (issue 56; store/pairSplits.ts): a
  // pair MEXC delisted is gone from its symbol list, and its fills would fall out of every figure
  // by asset and the tax report without it.
  `
  CREATE TABLE pair_splits (
    symbol TEXT PRIMARY KEY,
    base TEXT NOT NULL,
    quote TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('listed', 'export'))
  ) WITHOUT ROWID;
  `,
  // 16: a fill valued null is valued again, once. Before 1c239da a moment whose minute MEXC
  // answered none of, while a coarser window holding it was still open, was priced 'none' for
  // good: a fill stored late then kept a null value (and its figures 'no price') although the
  // candles of its time price it. A valuation never changes by itself, so every fill with a null
  // part is marked to be valued at the prices of its time (ingest/fillValuer.ts); one no candle
  // prices is null again, as before.
  `
  UPDATE fills SET valuation_pending = 1
    WHERE valuation_pending = 0 AND (amount_value IS NULL OR fee_value IS NULL OR fee_pair_value IS NULL);
  `,
];

/**
 * The top bar: DEMO or REAL (a real account), the account switcher (when the gateway watches
 * several), the shown account's one state (live/accountState.ts) with the seconds since MEXC's last event (ticking),
 * listen-key age, clock skew, the backfill of MEXC's history while it runs, the time with the
 * time zone setting, and the theme toggle. While MEXC refuses the API key or is under maintenance,
 * a line under it says so in words: what is refused, MEXC's own message and code, since when, and
 * what to do; while the page's connection to the gateway is lost, a line says that. A maintenance
 * MEXC announced (upcoming or ongoing, times in the page's zone, with a link to MEXC's notice) is
 * a line of its own, or part of the "under maintenance" line when MEXC answers so too: one line
 * for one maintenance.
 */
import type { ReactNode } from "react";
import { formatClock, formatDuration, formatSkew } from "../format/time.js";
import type { Theme } from "../theme/theme.js";
import { HistoryIndicator } from "./HistoryIndicator.js";
import type { HealthView } from "./healthView.js";
import type { MaintenanceView } from "./maintenanceView.js";

export interface HeaderProps {
  readonly view: HealthView;
  readonly now: number;
  readonly theme: Theme;
  readonly onToggleTheme: () => void;
  /** The account switcher, after DEMO/LIVE; absent with one account. */
  readonly account?: ReactNode;
  /** The time zone setting, after the clock (which is in that zone). */
  readonly zone?: ReactNode;
}

/** The mode badge: the demo, or a real MEXC account (never "live": whether it is live is the state's to say). */
const MODE_LABEL = { DEMO: "DEMO", LIVE: "REAL" } as const;
const MODE_TITLE = {
  DEMO: "A simulated exchange inside the gateway; no real account",
  LIVE: "Your real MEXC account (not the demo); whether it is live, the state beside says",
} as const;

/** "MEXC announced maintenance on ... : “title”", the title linking to MEXC's notice. */
function MaintenanceWords({ view }: { view: MaintenanceView }) {
  return (
    <span className="header-maintenance">
      <strong>{view.sentence}</strong>
      {": "}
      {view.url === null ? (
        `“${view.title}”`
      ) : (
        <a href={view.url} target="_blank" rel="noopener noreferrer">
          {`“${view.title}”`}
        </a>
      )}
    </span>
  );
}

export function Header({ view, now, theme, onToggleTheme, account, zone }: HeaderProps) {
  const since = view.sinceLastEventMs === null ? null : formatDuration(view.sinceLastEventMs);
  return (
    <header className="header">
      <span className="brand">mexc-live</span>
      {view.mode && (
        <span className={`badge mode-${view.mode.toLowerCase()}`} title={MODE_TITLE[view.mode]}>
          {MODE_LABEL[view.mode]}
        </span>
      )}
      {account}
      <span
        className={`status status-${view.state.tone}`}
        title={view.detail}
        data-testid="upstream-status"
        data-state={view.state.name}
      >
        <span className="status-dot" aria-hidden="true" />
        <span className="status-label">{view.state.label}</span>
        {since !== null && <span className="status-age">{`last event ${since} ago`}</span>}
      </span>
      <span
        className="header-fact"
        data-testid="listen-key-age"
        title={
          view.state.name === "gateway lost"
            ? "Not known while the gateway is out of reach: a gateway that stops deletes its listen key"
            : "Age of the current MEXC listen key (renewed every 30 min, valid 60 min)"
        }
      >
        listen key {view.listenKeyAgeMs === null ? "–" : formatDuration(view.listenKeyAgeMs)}
      </span>
      <span className="header-fact" title="MEXC server time minus the gateway's clock">
        skew {view.clockSkewMs === null ? "–" : formatSkew(view.clockSkewMs)}
      </span>
      {view.history && <HistoryIndicator view={view.history} />}
      {view.waiting && (
        <span
          className="header-fact header-waiting"
          title="Account events that arrived during a reconciliation with MEXC's REST are shown once it is done, in order"
          data-testid="upstream-waiting"
        >
          {view.waiting}
        </span>
      )}
      {/* The clock, its zone and the theme button keep together at the right: when the facts before
          them fill the line (a backfill's words at 1280 px) they wrap as one, not the button alone. */}
      <span className="header-end">
        <time className="header-clock" dateTime={new Date(now).toISOString()}>
          {formatClock(now)}
        </time>
        {zone}
        <button
          type="button"
          className="theme-toggle"
          onClick={onToggleTheme}
          aria-label={theme === "dark" ? "Switch to the light theme" : "Switch to the dark theme"}
          title={theme === "dark" ? "Light theme" : "Dark theme"}
        >
          {theme === "dark" ? "☀" : "☾"}
        </button>
      </span>
      {view.state.name === "gateway lost" && (
        <p className="header-reason" role="alert" data-testid="gateway-lost">
          <strong>{view.state.sentence}</strong> <span className="header-reason-advice">{view.state.nextStep}</span>
        </p>
      )}
      {view.reason && (
        <p className={`header-reason reason-${view.state.name}`} role="alert" data-testid="upstream-reason">
          <strong>{view.reason.headline}</strong>
          {` since ${formatClock(view.reason.since)}: ${view.reason.mexc}. `}
          <span className="header-reason-advice">{view.reason.advice}</span>
          {view.reason.kind === "maintenance" && view.maintenance && (
            <>
              {" "}
              <MaintenanceWords view={view.maintenance} />
            </>
          )}
        </p>
      )}
      {view.maintenance && view.reason?.kind !== "maintenance" && (
        <p
          className={`header-reason reason-maintenance maintenance-${view.maintenance.phase}`}
          role="status"
          data-testid="maintenance-notice"
        >
          <MaintenanceWords view={view.maintenance} />
        </p>
      )}
    </header>
  );
}

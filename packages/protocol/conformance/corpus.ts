/**
 * The conformance corpus: real MEXC answers and pushes from public sources, one file per REST
 * endpoint (rest/<METHOD>_<path>.json) or channel (ws/<channel>.json), each sample with its
 * source beside it (README.md). Test-only: it reads files, so it stays out of the package's
 * browser-safe entry point.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL(".", import.meta.url));

/**
 * Where a sample comes from: a live answer someone captured, a documentation example, an error
 * answer, or captured values re-encoded by someone (`derived`: it shows what its capture shows,
 * the wire form is the encoder's, not MEXC's).
 */
export type SampleKind = "capture" | "docs" | "error" | "derived";

/** How a time field is written: milliseconds or whole seconds (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3). */
export type TimeResolution = "ms" | "s";

interface SampleBase {
  /** Where it was found: repository@commit and path, issue thread, or docs page. */
  readonly source: string;
  readonly kind: SampleKind;
  /** Set when the capturing tool turned JSON numbers into strings: its number/string types prove nothing. */
  readonly numbersQuoted?: string;
  /** Set on an older shape MEXC no longer sends: its keys are not required of the simulator. */
  readonly superseded?: string;
}

export interface RestSample extends SampleBase {
  readonly httpStatus: number;
  readonly body: unknown;
}

export interface RestCorpusFile {
  readonly file: string;
  /** "GET /api/v3/myTrades" */
  readonly endpoint: string;
  /** Time fields (of the body or of its array items) and how MEXC writes them. */
  readonly times: Readonly<Record<string, TimeResolution>>;
  /**
   * Keys MEXC is documented to send at a place ("body[0]", "body.symbols[0]") that no sample of
   * this file shows (`alsoSendsSource` says where they are documented).
   */
  readonly alsoSends: Readonly<Record<string, readonly string[]>>;
  readonly samples: readonly RestSample[];
}

export interface WsSample extends SampleBase {
  /** Wire bytes, hex. */
  readonly hex?: string;
  /** A decoded frame: proto field names, int64 as the capture wrote them (number or string). */
  readonly wrapper?: Readonly<Record<string, unknown>>;
  /** Parts of `wrapper` the capture did not quote and we added. */
  readonly addedByUs?: string;
}

export interface WsCorpusFile {
  readonly file: string;
  readonly channel: string;
  /** Time fields ("sendTime", "privateDeals.time") and how MEXC writes them. */
  readonly times: Readonly<Record<string, TimeResolution>>;
  readonly samples: readonly WsSample[];
}

const KINDS: readonly SampleKind[] = ["capture", "docs", "error", "derived"];

export function loadRestCorpus(): RestCorpusFile[] {
  return jsonFiles("rest").map(({ file, json }) => {
    const endpoint = requireString(json, "endpoint", file);
    if (!/^(GET|POST|PUT|DELETE) \/api\/v3\//.test(endpoint)) throw corpusError(file, "endpoint", endpoint);
    const expectedName = `${endpoint.replace(" ", "").replace(/\//g, "_")}.json`;
    if (file !== expectedName) throw corpusError(file, "file name", `expected ${expectedName} for ${endpoint}`);
    const samples = requireSamples(json, file).map((sample, index) => {
      const where = `${file} samples[${index}]`;
      const httpStatus = sample.httpStatus;
      if (typeof httpStatus !== "number") throw corpusError(where, "httpStatus", String(httpStatus));
      if (!("body" in sample)) throw corpusError(where, "body", "missing");
      return { ...sampleBase(sample, where), httpStatus, body: sample.body };
    });
    return { file, endpoint, times: times(json, file, true), alsoSends: alsoSends(json, file), samples };
  });
}

export function loadWsCorpus(): WsCorpusFile[] {
  return jsonFiles("ws").map(({ file, json }) => {
    const channel = requireString(json, "channel", file);
    const samples = requireSamples(json, file).map((sample, index) => {
      const where = `${file} samples[${index}]`;
      const hex = sample.hex;
      const wrapper = sample.wrapper;
      if ((hex === undefined) === (wrapper === undefined)) throw corpusError(where, "hex|wrapper", "exactly one");
      if (hex !== undefined && (typeof hex !== "string" || !/^([0-9a-f]{2})+$/.test(hex))) {
        throw corpusError(where, "hex", "not lowercase hex bytes");
      }
      if (wrapper !== undefined && !isRecord(wrapper)) throw corpusError(where, "wrapper", "not an object");
      return {
        ...sampleBase(sample, where),
        ...(typeof hex === "string" ? { hex } : {}),
        ...(isRecord(wrapper) ? { wrapper } : {}),
        ...(typeof sample.addedByUs === "string" ? { addedByUs: sample.addedByUs } : {}),
      };
    });
    // A channel's time resolutions are seen in its own samples (each names its source).
    return { file, channel, times: times(json, file, false), samples };
  });
}

/** The JSON type the conformance tests compare: null, array and object apart. */
export function jsonType(value: unknown): "null" | "array" | "object" | "string" | "number" | "boolean" {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value as "object" | "string" | "number" | "boolean";
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function jsonFiles(folder: "rest" | "ws"): { file: string; json: Record<string, unknown> }[] {
  const dir = join(HERE, folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((file) => {
      const json: unknown = JSON.parse(readFileSync(join(dir, file), "utf8"));
      if (!isRecord(json)) throw corpusError(file, "(root)", "not an object");
      return { file, json };
    });
}

function requireString(json: Record<string, unknown>, field: string, where: string): string {
  const value = json[field];
  if (typeof value !== "string" || value === "") throw corpusError(where, field, String(value));
  return value;
}

function requireSamples(json: Record<string, unknown>, file: string): Record<string, unknown>[] {
  const samples = json.samples;
  if (!Array.isArray(samples) || samples.length === 0) throw corpusError(file, "samples", "empty");
  return samples.map((sample, index) => {
    if (!isRecord(sample)) throw corpusError(`${file} samples[${index}]`, "(sample)", "not an object");
    return sample;
  });
}

function sampleBase(sample: Record<string, unknown>, where: string): SampleBase {
  const source = requireString(sample, "source", where);
  const kind = sample.kind;
  if (!KINDS.includes(kind as SampleKind)) throw corpusError(where, "kind", String(kind));
  const optional = (field: "numbersQuoted" | "superseded") => {
    const value = sample[field];
    if (value === undefined) return {};
    if (typeof value !== "string" || value === "") throw corpusError(where, field, "must say why");
    return { [field]: value };
  };
  return { source, kind: kind as SampleKind, ...optional("numbersQuoted"), ...optional("superseded") };
}

function times(json: Record<string, unknown>, file: string, requireSource: boolean): Record<string, TimeResolution> {
  const value = json.times ?? {};
  if (!isRecord(value)) throw corpusError(file, "times", "not an object");
  for (const [field, resolution] of Object.entries(value)) {
    if (resolution !== "ms" && resolution !== "s") throw corpusError(file, `times.${field}`, String(resolution));
  }
  if (requireSource && Object.keys(value).length > 0 && typeof json.timesSource !== "string") {
    throw corpusError(file, "timesSource", "missing: say where the resolution is seen");
  }
  return value as Record<string, TimeResolution>;
}

function alsoSends(json: Record<string, unknown>, file: string): Record<string, string[]> {
  const value = json.alsoSends ?? {};
  if (!isRecord(value)) throw corpusError(file, "alsoSends", "not an object");
  for (const [path, keys] of Object.entries(value)) {
    if (!Array.isArray(keys) || !keys.every((key) => typeof key === "string")) {
      throw corpusError(file, `alsoSends.${path}`, "not a list of keys");
    }
  }
  if (Object.keys(value).length > 0 && typeof json.alsoSendsSource !== "string") {
    throw corpusError(file, "alsoSendsSource", "missing: say where the keys are documented");
  }
  return value as Record<string, string[]>;
}

function corpusError(where: string, field: string, detail: string): Error {
  return new Error(`conformance corpus ${where}: bad ${field} (${detail})`);
}

/**
 * Reading the JSON object bodies of the admin routes (/_sim/*): a missing or mistyped field is a
 * 400 naming the field (adminErrors). An empty body is an empty object.
 */
import { parseJsonObject } from "@mexc-live/protocol";
import type { FastifyRequest } from "fastify";
import { adminErrors } from "../errors.js";

type FieldType = "string" | "boolean" | "number";
type ValueOf<T extends FieldType> = T extends "string" ? string : T extends "number" ? number : boolean;

export class JsonBody {
  private constructor(readonly fields: Readonly<Record<string, unknown>>) {}

  static of(request: FastifyRequest): JsonBody {
    const body = parseJsonObject(typeof request.body === "string" && request.body !== "" ? request.body : "{}");
    if (body === undefined) throw adminErrors.badRequest("the body must be a JSON object");
    return new JsonBody(body);
  }

  required<T extends FieldType>(name: string, type: T): ValueOf<T> {
    const value = this.fields[name];
    if (typeof value !== type) throw adminErrors.badRequest(`"${name}" must be a ${type}`);
    return value as ValueOf<T>;
  }

  optional<T extends FieldType>(name: string, type: T): ValueOf<T> | undefined {
    return this.fields[name] === undefined ? undefined : this.required(name, type);
  }

  /** A list of strings. */
  strings(name: string): string[] {
    const value = this.fields[name];
    if (!Array.isArray(value) || value.some((entry) => typeof entry !== "string")) {
      throw adminErrors.badRequest(`"${name}" must be a list of strings`);
    }
    return value as string[];
  }

  /** One of the `allowed` strings. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.fields[name];
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
      throw adminErrors.badRequest(`"${name}" must be ${allowed.map((entry) => `"${entry}"`).join(" or ")}`);
    }
    return value as T;
  }
}

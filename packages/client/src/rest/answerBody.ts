/**
 * A REST answer's body read with a bound (REST_MAX_ANSWER_BYTES): the declared Content-Length
 * first, then the bytes as they stream in, counted after fetch's gzip/br decoding, so a
 * compressed bomb is stopped at the cap instead of expanding in memory. Past the cap the body is
 * cancelled (the connection is cut) and nothing of it is kept.
 */

export type AnswerBody =
  | { readonly kind: "text"; readonly text: string }
  /** `declared`: the Content-Length that was over the cap (nothing read); else `bytesRead` when stopped. */
  | { readonly kind: "too_large"; readonly bytesRead: number; readonly declared?: number };

export async function readAnswerBody(response: Response, maxBytes: number): Promise<AnswerBody> {
  const declared = declaredLength(response.headers.get("content-length"));
  if (declared !== undefined && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return { kind: "too_large", bytesRead: 0, declared };
  }
  if (response.body === null) return { kind: "text", text: "" };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytesRead = 0;
  // Bounded: every turn either ends the stream or adds bytes, and past maxBytes it stops.
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytesRead += value.byteLength;
    if (bytesRead > maxBytes) {
      chunks.length = 0;
      await reader.cancel().catch(() => {});
      return { kind: "too_large", bytesRead };
    }
    chunks.push(value);
  }
  // As Response.text(): UTF-8, a BOM dropped, bad sequences replaced.
  return { kind: "text", text: new TextDecoder().decode(Buffer.concat(chunks, bytesRead)) };
}

/** Content-Length as a number when it is one (digits only); anything else is left to the byte count. */
function declaredLength(header: string | null): number | undefined {
  if (header === null || !/^\d{1,16}$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

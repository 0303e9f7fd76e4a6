/** Build a multipart $batch answer (CRLF) from per-part statuses and JSON bodies. */
export function batchResponse(
  parts: Array<{ status: number; body?: unknown }>,
  boundary = 'batchresponse_t1',
) {
  const text =
    parts
      .map((p) =>
        [
          `--${boundary}`,
          'Content-Type: application/http',
          'Content-Transfer-Encoding: binary',
          '',
          `HTTP/1.1 ${p.status} X`,
          'Content-Type: application/json; odata.metadata=minimal',
          'OData-Version: 4.0',
          '',
          p.body === undefined ? '' : JSON.stringify(p.body),
        ].join('\r\n'),
      )
      .join('\r\n') + `\r\n--${boundary}--\r\n`;
  return { status: 200, headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}` }, body: text };
}

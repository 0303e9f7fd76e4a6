/** A scripted fetch for Dataverse client tests: records each request and answers from a queue. */
export interface RecordedFetch {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export function fakeFetch(replies: Array<FakeReply | ((request: RecordedFetch) => FakeReply)>) {
  const calls: RecordedFetch[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const request = { url, method: init.method ?? 'GET', headers, body: init.body as string | undefined };
    calls.push(request);
    const next = replies.shift();
    if (!next) throw new Error(`No scripted reply for ${request.method} ${url}`);
    const reply = typeof next === 'function' ? next(request) : next;
    const text =
      reply.body === undefined
        ? null
        : typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body);
    return new Response(reply.status === 204 ? null : text, { status: reply.status, headers: reply.headers });
  };
  return { fetch, calls };
}

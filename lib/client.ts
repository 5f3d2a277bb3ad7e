// How extension pages and the content script talk to the background: one typed call that
// always resolves to a Response, even when the worker is gone or answers nonsense.
import browser from 'webextension-polyfill';
import { PROTOCOL_VERSION, fail, type Request, type Response } from './messaging';

type Body<T extends Request['type']> = Omit<Extract<Request, { type: T }>, 'type' | 'v'>;

export async function call<R, T extends Request['type'] = Request['type']>(
  type: T,
  body: Body<T>,
  send: (msg: unknown) => Promise<unknown> = (m) => browser.runtime.sendMessage(m),
): Promise<Response<R>> {
  try {
    const res = (await send({ ...body, type, v: PROTOCOL_VERSION })) as Response<R> | undefined;
    if (!res || typeof res !== 'object' || typeof (res as { ok?: unknown }).ok !== 'boolean') {
      return fail('internal', 'The background worker did not answer.');
    }
    return res;
  } catch (e) {
    return fail('internal', (e as Error)?.message ?? String(e));
  }
}

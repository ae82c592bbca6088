import type { SeldonMessage, SeldonStatusBody } from '@seldon-ts/payload';

// `Response.json()` is typed `unknown`; these name what the wrapper answers (the tests then assert it).

/** The body of a successful answer: a SeldonMessage. */
export async function messageOf(response: Response): Promise<SeldonMessage> {
  return (await response.json()) as SeldonMessage;
}

/** The body of an error answer: the wrapper's Seldon status. */
export async function statusOf(response: Response): Promise<SeldonStatusBody> {
  return (await response.json()) as SeldonStatusBody;
}

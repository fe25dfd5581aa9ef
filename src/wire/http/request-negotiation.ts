import { negotiate, Negotiated } from '@/wire/negotiation/negotiation';
import { requestHeader } from './http-adapter';

/** The response format for a request, from the headers Web API's negotiator reads (SPEC 4.2). */
export function negotiateRequest(request: unknown): Negotiated {
  return negotiate({
    accept: requestHeader(request, 'accept'),
    contentType: requestHeader(request, 'content-type'),
    acceptCharset: requestHeader(request, 'accept-charset'),
    xRequestedWith: requestHeader(request, 'x-requested-with'),
  });
}

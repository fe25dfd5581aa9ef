import { DocumentedRoute } from '@/docs/routes/documented-route';
import { MediaTypeSample } from '@/docs/samples/wire-samples';
import { MemberRow, TypeWord } from './type-words';

/** One entry of the Help index (ASP.NET `ApiDescription`). */
export interface HelpApi {
  /** `POST-api-kill-session`. */
  id: string;
  method: string;
  /** `api/Auth?IP={IP}`. */
  relativePath: string;
  /** Index heading (ASP.NET groups by controller). */
  group: string;
  documentation: string;
  route: DocumentedRoute;
}

/** A body or response resource: its type and member table. */
export interface ResourceModel {
  type: TypeWord;
  rows: MemberRow[];
}

/** What an ASP.NET `HelpPageApiModel` page shows. */
export interface HelpApiPage {
  api: HelpApi;
  uriParameters: MemberRow[];
  requestDocumentation: string;
  request: ResourceModel | null;
  requestSamples: MediaTypeSample[];
  responseDocumentation: string;
  response: ResourceModel | null;
  responseSamples: MediaTypeSample[];
}

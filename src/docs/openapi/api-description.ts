/**
 * The OpenAPI document's description: how the service speaks, and the
 * decisions SPEC.md leaves open, as the code implements them.
 */
export const API_DESCRIPTION = `
Users and sessions for legacy .NET clients (DataContract XML, Newtonsoft JSON), modern JSON clients and the
admin dashboard. The legacy routes also have an ASP.NET-style help page at [/Help](/Help).

## Formats (every route but /health and /metrics)
- **Responses** are negotiated as ASP.NET Web API 2 did: \`Accept\` (by q; \`*/*\` → \`application/json\`,
  \`text/*\` → \`text/json\`), else the request's \`Content-Type\`, else JSON. Nothing answers 406.
  \`application/json\`, \`text/json\`, \`application/xml\`, \`text/xml\` carry \`; charset=utf-8\`
  (\`Accept-Charset: utf-16\` gives UTF-16LE with a BOM); \`application/x-compressed-json\` is the JSON body
  raw-DEFLATEd (RFC 1951), without charset or \`Content-Encoding\`.
- **Request bodies** may be JSON, XML, compressed JSON (raw DEFLATE, zlib or gzip) or
  \`application/x-www-form-urlencoded\` (members by name, case-insensitively). An empty body
  (\`Content-Length: 0\`) is no body. Limits: 1 MiB, XML 256 KiB, compressed bodies measured inflated (413).
- **XML** is DataContractSerializer's: namespace \`http://schemas.datacontract.org/2004/07/<CLR namespace>\`,
  members ordered base first then ordinally by name, \`i:nil="true"\` for null. The schemas' \`xml\` objects
  give the names and namespaces; admin and v2 contracts use \`SessionGateway.Admin\` / \`SessionGateway.V2\`.
- **Schemas**: one per contract in \`components.schemas\`, named as the contract (qualified by its CLR namespace
  if two share a name). Where a contract's XML form differs from its JSON form (other names or members, enums
  as names), the XML form is \`<Name>.xml\`, its properties in XML order. \`required\` lists what a request must
  carry, and in answers every member the service always writes (\`null\` where nullable).
- **JSON** is Newtonsoft's (members in declaration order, nulls written unless a member says otherwise,
  enums as numbers, GUIDs lower-case). Legacy dates print in \`LEGACY_TIME_ZONE\` with its offset
  (\`2026-01-13T05:55:51.3021511-06:00\`); \`UserInfo.birthdate\` and \`UserLogged.date_od_last_activity\` print
  \`yyyy-MM-ddTHH:mm:ssZ\` in JSON; admin dates \`2020-09-21T10:42:50Z\`; v2 dates \`.fffZ\`.
- **POST answers 200** (Web API's default), except \`POST /v2/sessions\` (201) and \`POST /api/admin/v1/users\` (201).
- Routes are case-insensitive.

## Errors
- **Legacy and operational routes**: Web API \`HttpError\`, negotiated like any body:
  \`{"Message":"..."}\` (+ \`ModelState\` on 400), XML \`<Error><Message>...</Message></Error>\` (no namespace).
  401 is always "Authorization has been denied for this request."; 500 is "An error has occurred." and nothing more.
- **Admin** (\`/api/admin/v1/*\`): \`{"Message":"err_<Code>"}\`.
- **v2** (\`/v2/*\`): \`{"code": <gRPC code>, "message", "details": [{"@type", "id", "message"}]}\`.
- Unknown paths: 404 "No HTTP resource was found that matches the request URI '...'"; a known path with
  another method: 405 with \`Allow\`; both in the family the path's leading segments belong to.

## Decisions the specification left open
- **UserLogged JSON carries no \`Token\`** (\`[JsonIgnore]\` in Contracts.cs, as the old service did):
  \`POST /api/Auth\` callers that need the access token must ask for XML (\`<Token>\`). Its \`Role\` is 1 when the
  handed-over person has \`is_admin\`, else 2; \`is_admin\` is kept as profile data and grants no right here.
- **\`POST /api/Auth\`** creates or updates the user by \`id\` (username = email); \`deleted: true\` or a
  blocked/disabled user is 401; \`IP\` is required, an IPv4 or IPv6 address (400 \`ModelState.IP\`), at most 64 characters.
  The session is marked single sign-on (\`IsSingleSignOn\`).
- **The refresh token is only echoed when issued**: \`Auth/Login\` and \`Auth/Refresh\` answer it in
  \`Props\`/\`AppData\` (\`RefreshToken\`) and JSON \`refreshToken\`. \`GET Auth/Session\` cannot (only its hash is
  stored): there \`refreshToken\` is "" and \`userToken\` echoes the caller's bearer token.
- **\`Auth/Refresh\`**: \`X-Refresh-Token\` wins over a \`{RefreshToken}\` body. The token is rotated; presenting
  an already rotated one ends the whole session (401).
- **\`Auth/Login\`**: \`Authorization: Basic\` wins over a \`{UserName, Password}\` body. Unknown user, wrong
  password and locked account get the same 401 in the same time. Every route that checks a password (\`Auth/Login\`,
  \`POST\`/\`PATCH v2/sessions\`) draws on one rate limit per client IP (429).
- **UserSessionDTO**: \`Features\` lists the caller's permissions; \`Summary\` is "{user name} session {session id}";
  \`RecordState\` is Active, or Deleted once ended; \`UserHash\` is an HMAC of the user id; \`IsAuthorized\` is
  true for a live session; \`Expired\`/\`ExpiresSoon\`/\`UserName\`/\`RefreshToken\` are computed as Contracts.cs says.
- **\`Auth/Logout\`** answers \`GenericResponse\` with \`Data\` = 1 when the session ended now, 0 if already ended.
- **\`api/kill-session\`**: \`Data\` = sessions ended and \`Message\` "n session(s) ended."; an unknown user is
  \`{"Success":false,"Message":"User not found.","Data":0}\` for callers with \`session.delete\` and 403 for others
  (a caller without it learns nothing about other users). No \`Id\`/\`IdUser\`/\`Username\` is 400
  (\`ModelState["usuario.Id"]\`). The body's password fields are never read.
- **/health** and **/metrics** are outside the wire layer: /health answers terminus JSON (503 is written as
  \`HttpError\`), /metrics Prometheus text. /health is public; /metrics is mounted only with \`METRICS_TOKEN\`
  and answers only \`Authorization: Bearer <METRICS_TOKEN>\` (\`METRICS_PORT\` serves it on a separate listener).
- **/Help** samples are deterministic: the instant 2026-01-13T11:55:51.3021511Z (printed in \`LEGACY_TIME_ZONE\`),
  GUIDs derived from the member, and "now" at that instant (so \`expired\` is true), so pages are stable.
`.trim();

/** Response media types of every wire route, in the formatter order of SPEC 4.2. */
export const JSON_TYPES = ['application/json', 'text/json'] as const;
export const XML_TYPES = ['application/xml', 'text/xml'] as const;
export const COMPRESSED_JSON = 'application/x-compressed-json';
export const FORM = 'application/x-www-form-urlencoded';

export const RESPONSE_MEDIA_TYPES = [...JSON_TYPES, ...XML_TYPES, COMPRESSED_JSON];
export const REQUEST_MEDIA_TYPES = [...RESPONSE_MEDIA_TYPES, FORM];

import UAParser from 'ua-parser-js';

/** The three columns of the seed-002 admin session list. */
export interface DeviceDescription {
  smartphone: string;
  operatingSystem: string;
  application: string;
}

/** Real User-Agents stay well under this; the parser's regexes never see more (ReDoS safety). */
export const MAX_USER_AGENT_LENGTH = 512;

// Phones and tablets: the old page showed a device for anything handheld.
const MOBILE_DEVICE_TYPES = new Set(['mobile', 'tablet']);

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** `"<name>- v. <version>"` exactly as the old page printed it, `Other` standing in for an unknown name. */
function nameAndVersion(name: string | undefined, version: string | undefined): string {
  return `${name?.trim() || 'Other'}- v. ${version?.trim() ?? ''}`;
}

/**
 * Describes a session's User-Agent the way the seed-002 admin page did:
 * `Smartphone` is `"-"` unless a phone or tablet is recognised, the others
 * fall back to `"Other- v. "` (as for curl, .NET HttpClient without a UA, or junk).
 */
export function describeUserAgent(ua: string | null | undefined): DeviceDescription {
  // Control characters cannot come from a real client and would not survive XML output.
  const input =
    typeof ua === 'string'
      ? ua.slice(0, MAX_USER_AGENT_LENGTH).replace(CONTROL_CHARACTERS, '')
      : '';
  const { browser, os, device } = new UAParser(input).getResult();

  const smartphone =
    device.type && MOBILE_DEVICE_TYPES.has(device.type)
      ? [device.vendor, device.model].filter(Boolean).join(' ').trim() || '-'
      : '-';

  return {
    smartphone,
    operatingSystem: nameAndVersion(os.name, os.version),
    application: nameAndVersion(browser.name, browser.version),
  };
}

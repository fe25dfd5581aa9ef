import { describeUserAgent } from '@/sessions/device/user-agent';

/** The password every demo user has (documented in the README): bench and demo logins use it. */
export const DEMO_PASSWORD = 'demo-password-2024';
export const DEMO_ADMIN_USERNAME = 'demo-admin';

export const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Amelia',
  'Oliver',
  'Ava',
  'Elijah',
  'Sophia',
  'Mateo',
  'Isabella',
  'Lucas',
  'Mia',
  'Levi',
  'Harper',
  'Ezra',
  'Evelyn',
  'Asher',
  'Luna',
  'James',
  'Camila',
  'Leo',
  'Sofia',
  'Henry',
  'Chloe',
  'Hiroshi',
  'Aiko',
  'Priya',
  'Arjun',
  'Fatima',
  'Omar',
  'Chen',
  'Mei',
  'Olga',
  'Ivan',
  'Lucía',
  'José',
  'Zoë',
  'François',
  'Björn',
];

export const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Tanaka',
  'Sato',
  'Patel',
  'Singh',
  'Kim',
  'Nguyen',
  'Müller',
  'Schmidt',
  'Rossi',
  'Dubois',
  'Novak',
  "O'Brien",
  'Kowalski',
  'Silva',
  'Andersson',
];

export const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'corp.example'];

/** Real-world User-Agents, weighted by how often they appear (desktop browsers, phones, legacy .NET clients). */
const USER_AGENTS: Array<[string, number]> = [
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    8,
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
    4,
  ],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0', 3],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
    3,
  ],
  [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36',
    1,
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
    5,
  ],
  [
    'Mozilla/5.0 (iPad; CPU OS 16_7_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
    1,
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
    3,
  ],
  [
    'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.6312.99 Mobile Safari/537.36',
    2,
  ],
  [
    'Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.119 Mobile Safari/537.36',
    1,
  ],
  ['Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko', 2],
  ['Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0; .NET CLR 2.0.50727)', 1],
  ['CareDesk/4.2.1 (Windows NT 10.0; .NET Framework 4.8)', 3],
  ['', 2],
  ['curl/8.5.0', 1],
];

export interface DemoUserAgents {
  userAgent: string[];
  smartphone: string[];
  operatingSystem: string[];
  application: string[];
}

/** The weighted list, parsed once with the service's own parser into the device columns. */
export function demoUserAgents(): DemoUserAgents {
  const out: DemoUserAgents = {
    userAgent: [],
    smartphone: [],
    operatingSystem: [],
    application: [],
  };
  for (const [ua, weight] of USER_AGENTS) {
    const device = describeUserAgent(ua);
    for (let i = 0; i < weight; i++) {
      out.userAgent.push(ua);
      out.smartphone.push(device.smartphone);
      out.operatingSystem.push(device.operatingSystem);
      out.application.push(device.application);
    }
  }
  return out;
}

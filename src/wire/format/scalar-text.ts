/** Parsing of scalar text shared by the readers; each returns undefined when the text is not valid. */

const INTEGER = /^\s*[+-]?\d+\s*$/;
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const GUID_D = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const GUID_N = /^[0-9a-fA-F]{32}$/;

export function parseInt32(text: string): number | undefined {
  if (!INTEGER.test(text)) return undefined;
  const value = Number(text) + 0; // -0 is 0
  return value >= -2147483648 && value <= 2147483647 ? value : undefined;
}

export function parseInt64(text: string): number | undefined {
  if (!INTEGER.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

export function parseDouble(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === 'INF') return Infinity;
  if (trimmed === '-INF') return -Infinity;
  if (trimmed === 'NaN') return NaN;
  return DECIMAL.test(text) ? Number(text) : undefined;
}

/** XML booleans are `true`/`false`/`1`/`0`; JSON and form strings are case-insensitive words. */
export function parseBoolean(text: string, xml: boolean): boolean | undefined {
  const trimmed = xml ? text.trim() : text.trim().toLowerCase();
  if (trimmed === 'true' || (xml && trimmed === '1')) return true;
  if (trimmed === 'false' || (xml && trimmed === '0')) return false;
  return undefined;
}

/** Any of .NET's Guid forms (`D`, `N`, `B`, `P`), normalised to lower-case `D`. */
export function parseGuid(text: string): string | undefined {
  let value = text.trim();
  if (
    (value.startsWith('{') && value.endsWith('}')) ||
    (value.startsWith('(') && value.endsWith(')'))
  )
    value = value.slice(1, -1);
  if (GUID_D.test(value)) return value.toLowerCase();
  if (GUID_N.test(value)) {
    const v = value.toLowerCase();
    return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20)}`;
  }
  return undefined;
}

/** CLR type names used in error messages, as Web API would name them. */
export const CLR_TYPE_NAMES: Record<string, string> = {
  string: 'System.String',
  int: 'System.Int32',
  long: 'System.Int64',
  double: 'System.Double',
  bool: 'System.Boolean',
  guid: 'System.Guid',
  date: 'System.DateTime',
};

/**
 * `double.ToString(CultureInfo.InvariantCulture)` on .NET Framework / Mono:
 * 15 significant digits, scientific (`1.5E+300`, `1E-05`) outside 1e-5..1e15,
 * and no sign on zero.
 */
export function formatDotNetDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return '0';
  const [mantissa, exponentText] = value.toExponential(14).split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '').replace(/0+$/, '') || '0';
  const sign = negative ? '-' : '';
  if (exponent >= 15 || exponent < -5) {
    const fraction = digits.length > 1 ? '.' + digits.slice(1) : '';
    const power = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${digits[0]}${fraction}E${exponent < 0 ? '-' : '+'}${power}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}${fraction ? '.' + fraction : ''}`;
}

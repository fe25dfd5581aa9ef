// Shared helpers: a tiny JSON writer (no dependency on the Newtonsoft copy
// embedded in Mono's System.Net.Http.Formatting) and canonical values.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

static class Json {
  public static string Str(string s) {
    if (s == null) return "null";
    var b = new StringBuilder("\"");
    foreach (char c in s) {
      switch (c) {
        case '"': b.Append("\\\""); break;
        case '\\': b.Append("\\\\"); break;
        case '\n': b.Append("\\n"); break;
        case '\r': b.Append("\\r"); break;
        case '\t': b.Append("\\t"); break;
        default:
          if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff) || c == 0x2028 || c == 0x2029) b.AppendFormat("\\u{0:x4}", (int)c);
          else b.Append(c);
          break;
      }
    }
    return b.Append('"').ToString();
  }

  /** Values: null, string, bool, int/long/double, IDictionary<string,object> (ordered), IEnumerable. */
  public static string Write(object v) {
    if (v == null) return "null";
    if (v is string) return Str((string)v);
    if (v is bool) return (bool)v ? "true" : "false";
    if (v is int || v is long) return Convert.ToString(v, CultureInfo.InvariantCulture);
    if (v is double) return ((double)v).ToString("R", CultureInfo.InvariantCulture);
    if (v is RawJson) return ((RawJson)v).Text;
    var dict = v as IEnumerable<KeyValuePair<string, object>>;
    if (dict != null) return "{" + string.Join(",", dict.Select(p => Str(p.Key) + ":" + Write(p.Value))) + "}";
    var list = v as IEnumerable;
    if (list != null) return "[" + string.Join(",", list.Cast<object>().Select(Write)) + "]";
    throw new ArgumentException("no JSON for " + v.GetType());
  }

  public static void WriteFile(string path, object v) {
    Directory.CreateDirectory(Path.GetDirectoryName(path));
    // one case per line keeps diffs of regenerated fixtures readable
    var text = Write(v).Replace(",{\"name\":", ",\n{\"name\":").Replace("[{\"name\":", "[\n{\"name\":");
    File.WriteAllText(path, text + "\n", new UTF8Encoding(false));
  }
}

/** Ordered string-keyed object for JSON output. */
class Obj : List<KeyValuePair<string, object>> {
  public Obj Add(string key, object value) { base.Add(new KeyValuePair<string, object>(key, value)); return this; }
}

static class Canonical {
  /** A DateTime as the UTC instant it denotes, 7 fraction digits (Unspecified counts as UTC, as SPEC 4.4 reads it). */
  public static string Date(DateTime d) {
    var utc = d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : DateTime.SpecifyKind(d, DateTimeKind.Utc);
    return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
  }

  /** Every stored (read/write, not computed) property by CLR name, values made JSON-friendly. */
  public static Obj Of(object instance) {
    if (instance == null) return null;
    var o = new Obj();
    foreach (var p in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)) {
      if (!p.CanRead || !p.CanWrite || p.Name == "FullName") continue;
      o.Add(p.Name, Value(p.GetValue(instance, null)));
    }
    return o;
  }

  static object Value(object v) {
    if (v == null) return null;
    if (v is DateTime) return Date((DateTime)v);
    if (v is Guid) return ((Guid)v).ToString("D");
    if (v is string || v is bool || v is int || v is long || v is double) return v;
    if (v is IEnumerable) return ((IEnumerable)v).Cast<object>().Select(Value).ToList();
    return Of(v);
  }
}

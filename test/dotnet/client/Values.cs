using System;
using System.Collections;
using System.Globalization;
using System.Reflection;
using Newtonsoft.Json.Linq;

namespace SessionGateway.Conformance {
  /// <summary>
  /// An instance as a conformance vector's "values" (../shared/conformance/README.md): settable
  /// CLR properties by CLR name in declaration order, GUIDs lower-case, dates as the UTC instant
  /// with milliseconds, enums by name; computed members (the full_names) left out.
  /// </summary>
  public static class Values {
    public static JToken Of(object value) {
      if (value == null) return JValue.CreateNull();
      if (value is string || value is bool || value is int || value is long) return new JValue(value);
      if (value is Guid) return new JValue(((Guid)value).ToString("D"));
      if (value is DateTime) return new JValue(Iso((DateTime)value));
      if (value is Enum) return new JValue(value.ToString());
      if (value is IEnumerable) {
        var array = new JArray();
        foreach (var item in (IEnumerable)value) array.Add(Of(item));
        return array;
      }
      var obj = new JObject();
      foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)) {
        if (!property.CanWrite || property.Name == "FullName") continue;
        obj[property.Name] = Of(property.GetValue(value, null));
      }
      return obj;
    }

    /// <summary>
    /// The UTC instant of a DateTime as a .NET server holds it: Local and Utc kinds are instants;
    /// an Unspecified one (text without offset) is read as UTC, as SPEC 4.4 says.
    /// </summary>
    public static string Iso(DateTime value) {
      DateTime utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
      return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
  }
}

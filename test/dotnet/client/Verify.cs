using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace SessionGateway.Conformance {
  /// <summary>Assertions that fail a check with a reason a person can act on.</summary>
  public static class Verify {
    public static void That(bool condition, string reason) {
      if (!condition) throw new CheckFailed(reason);
    }

    public static void Equal<T>(string what, T expected, T actual) {
      if (!EqualityComparer<T>.Default.Equals(expected, actual))
        throw new CheckFailed(what + ": expected " + Show(expected) + ", got " + Show(actual));
    }

    public static void Status(Answer answer, int expected) {
      if (answer.Status != expected) throw new CheckFailed("expected " + expected + ", got " + answer.Describe());
    }

    public static void MediaType(Answer answer, string expected) {
      Equal("Content-Type", expected, answer.ContentType == null ? null : answer.ContentType.Replace(" ", ""));
    }

    static string Show(object value) {
      return value == null ? "null" : value is string ? "\"" + value + "\"" : value.ToString();
    }

    /// <summary>JSON text as a tree, dates kept as the text the service sent.</summary>
    public static JObject RawJson(string text) {
      using (var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None })
        return JObject.Load(reader);
    }

    /// <summary>A date read by a serializer is the instant its text names (to 100 ns).</summary>
    public static void DateRoundTrips(string what, string text, DateTime value) {
      DateTimeOffset parsed;
      if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed))
        throw new CheckFailed(what + ": \"" + text + "\" is not an ISO date");
      DateTime instant = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
      if (parsed.UtcDateTime.Ticks != instant.Ticks)
        throw new CheckFailed(what + ": \"" + text + "\" read back as " + instant.ToString("o") + " (kind " + value.Kind + ")");
    }

    /// <summary>A wall clock offset as the text shows it, as the legacy server's Local DateTime held it.</summary>
    public static DateTime WallClock(string text) {
      return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).DateTime;
    }

    /// <summary>The member names, recursively and in order, that the service sent and that Newtonsoft writes for what it read.</summary>
    public static void SameJsonShape(string what, JToken sent, JToken rewritten) {
      if (sent.Type == JTokenType.Object && rewritten.Type == JTokenType.Object) {
        var a = ((JObject)sent).Properties().Select(p => p.Name).ToList();
        var b = ((JObject)rewritten).Properties().Select(p => p.Name).ToList();
        if (!a.SequenceEqual(b))
          throw new CheckFailed(what + ": members [" + string.Join(",", a) + "], Newtonsoft writes [" + string.Join(",", b) + "]");
        foreach (var name in a) SameJsonShape(what + "." + name, sent[name], rewritten[name]);
      } else if (sent.Type == JTokenType.Array && rewritten.Type == JTokenType.Array) {
        var a = (JArray)sent; var b = (JArray)rewritten;
        Equal(what + " length", b.Count, a.Count);
        for (int i = 0; i < a.Count; i++) SameJsonShape(what + "[" + i + "]", a[i], b[i]);
      }
    }

    /// <summary>The element names, recursively and in order, that the service sent and that DataContractSerializer writes for what it read.</summary>
    public static void SameXmlShape(string what, XElement sent, XElement rewritten) {
      Equal(what + " element", rewritten.Name, sent.Name);
      bool nilSent = (string)sent.Attribute(Nil) == "true";
      bool nilRewritten = (string)rewritten.Attribute(Nil) == "true";
      Equal(what + " i:nil", nilRewritten, nilSent);
      var a = sent.Elements().ToList(); var b = rewritten.Elements().ToList();
      if (!a.Select(e => e.Name).SequenceEqual(b.Select(e => e.Name)))
        throw new CheckFailed(what + ": children [" + string.Join(",", a.Select(e => e.Name.LocalName)) +
          "], DataContractSerializer writes [" + string.Join(",", b.Select(e => e.Name.LocalName)) + "]");
      for (int i = 0; i < a.Count; i++) SameXmlShape(what + "/" + a[i].Name.LocalName, a[i], b[i]);
    }

    static readonly XName Nil = XName.Get("nil", "http://www.w3.org/2001/XMLSchema-instance");
  }
}

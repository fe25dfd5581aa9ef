using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace SessionGateway.Conformance {
  /// <summary>One request body sent, with what the real serializers made of it.</summary>
  public sealed class BodyCase {
    public string Name;
    public string Route;
    public string Contract;
    public string Parameter;
    /// <summary>Which .NET writer produced the body.</summary>
    public string Writer;
    public string ContentType;
    public byte[] Body;
    /// <summary>Which reader decided the outcome (the one Web API 2 used for this media type).</summary>
    public string Reader;
    public ReadOutcome Outcome;
    /// <summary>What the service must answer, derived from the outcome.</summary>
    public JObject Expect;
  }

  /// <summary>Writes --save-cases fixtures: one JSON file per case, deterministic key order.</summary>
  public sealed class CaseLog {
    readonly string directory;
    readonly JObject caller;
    public int Saved;

    public CaseLog(string directory, string user, string password) {
      this.directory = directory;
      caller = new JObject { { "username", user }, { "password", password } };
      if (directory != null) Directory.CreateDirectory(directory);
    }

    public void Save(BodyCase c) {
      if (directory == null) return;
      bool binary = c.ContentType != null && c.ContentType.StartsWith("application/x-compressed-json", StringComparison.Ordinal);
      var modelState = new JObject();
      foreach (var group in c.Outcome.Errors.GroupBy(e => e.Key))
        modelState[group.Key] = new JArray(group.Select(e => e.Value));
      var fixture = new JObject {
        { "case", c.Name },
        { "route", c.Route },
        { "contract", c.Contract },
        { "parameter", c.Parameter },
        { "writer", c.Writer },
        { "contentType", c.ContentType },
        { binary ? "bodyBase64" : "body", binary ? Convert.ToBase64String(c.Body) : Wire.Utf8.GetString(c.Body) },
        { "reader", c.Reader },
        { "clientTimeZone", TimeZoneInfo.Local.Id },
        { "bound", c.Outcome.Errors.Count == 0 ? Values.Of(c.Outcome.Value) : JValue.CreateNull() },
        { "modelState", modelState },
        { "expect", c.Expect },
        { "caller", caller },
      };
      File.WriteAllText(Path.Combine(directory, c.Name + ".json"), fixture.ToString(Formatting.Indented) + "\n", Wire.Utf8);
      Saved++;
    }
  }
}

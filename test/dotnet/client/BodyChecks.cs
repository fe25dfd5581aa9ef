using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security;
using System.Security.Cryptography;
using System.Xml.Linq;
using API.Helpers;
using IO.Swagger.Models;
using Model.Dto;
using Newtonsoft.Json.Linq;

namespace SessionGateway.Conformance {
  /// <summary>Request bodies written by the real .NET writers, and the error bodies.</summary>
  public sealed partial class Checks {
    const string HandOverIp = "203.0.113.7";

    // ---- api/Auth: a trusted caller hands over a person ---------------------

    /// <summary>The same person each run (ids derived from the case name), so reruns update rather than pile up users.</summary>
    static UserInfo SamplePerson(string caseName) {
      return new UserInfo {
        Id = GuidOf(caseName),
        IsDelegated = false,
        Agreement = true,
        ViewInfo = new ViewInfo { Id = GuidOf(caseName + "/view"), ShowDateOfInRequest = true },
        IdRole = null,
        IsEditor = false,
        FirstName = "Zoë",
        LastName = "O'Brien & <Sons>",
        IsManager = null,
        IsHr = true,
        IsAdmin = false,
        ImageId = GuidOf(caseName + "/image"),
        Email = null,
        Phone = "+52 55 1234 5678",
        WebPopupIds = "1,2",
        Birthdate = new DateTime(1990, 5, 17, 8, 30, 15, 123, DateTimeKind.Local).AddTicks(4567),
        Deleted = false,
        StateId = 1,
      };
    }

    static Guid GuidOf(string text) {
      using (var md5 = MD5.Create()) return new Guid(md5.ComputeHash(Wire.Utf8.GetBytes("session-gateway/" + text)));
    }

    void HandOver(string name, string writer, string format) {
      if (options.ApiKey == null) throw new CheckSkipped("needs --api-key");
      UserInfo person = SamplePerson(name);
      byte[] bytes = WriteWith(writer, person);
      BodyCase c = BodyCaseOf(name, "POST /api/Auth?IP=" + HandOverIp, "UserInfo", "userInfo", writer, format + "; charset=utf-8", bytes, typeof(UserInfo));
      var bound = (UserInfo)c.Outcome.Value;
      c.Expect = c.Outcome.Errors.Count > 0 ? new JObject { { "status", 400 } }
        : new JObject { { "status", 200 }, { "first_name", bound.FirstName }, { "last_name", bound.LastName } };
      cases.Save(c);
      Verify.That(c.Outcome.Errors.Count == 0, "the real reader refused this body: " + string.Join("; ", c.Outcome.Errors.Select(e => e.Value)));

      Answer answer = service.Send(HttpMethod.Post, "api/Auth?IP=" + HandOverIp, Service.Body(bytes, c.ContentType), format, null,
        new Dictionary<string, string> { { "X-Api-Key", options.ApiKey } });
      Verify.Status(answer, 200);
      UserLogged logged;
      string fullName;
      if (format == Xml) {
        Verify.MediaType(answer, "application/xml;charset=utf-8");
        logged = Wire.DcsRead<UserLogged>(answer.Body);
        XElement root = XElement.Parse(answer.Text);
        Verify.SameXmlShape("UserLogged", root, XElement.Parse(Wire.Utf8.GetString(Wire.DcsWrite(logged))));
        fullName = root.Element(root.Name.Namespace + "full_name").Value;
        Verify.DateRoundTrips("DateOfLastActivity", root.Element(root.Name.Namespace + "DateOfLastActivity").Value, logged.DateOfLastActivity);
        Verify.That(!string.IsNullOrEmpty(logged.Token), "Token is empty");
        Answer session = service.Send(HttpMethod.Get, "Auth/Session", null, Json, "Bearer " + logged.Token);
        Verify.Status(session, 200);
      } else {
        Verify.MediaType(answer, "application/json;charset=utf-8");
        logged = Wire.NewtonsoftRead<UserLogged>(answer.Text);
        JObject raw = Verify.RawJson(answer.Text);
        Verify.SameJsonShape("UserLogged", raw, JObject.FromObject(logged));
        Verify.That(raw["Token"] == null, "Token is [JsonIgnore]: JSON must not carry it");
        fullName = (string)raw["full_name"];
        string activity = (string)raw["date_od_last_activity"];
        Verify.That(activity != null && activity.Length == 20 && activity.EndsWith("Z"), "date_od_last_activity \"" + activity + "\" is not yyyy-MM-ddTHH:mm:ssZ");
        Verify.DateRoundTrips("DateOfLastActivity", activity, logged.DateOfLastActivity);
      }
      Verify.Equal("first_name", bound.FirstName, logged.FirstName);
      Verify.Equal("last_name", bound.LastName, logged.LastName);
      Verify.Equal("full_name (UserBase: last, first)", logged.LastName + " " + logged.FirstName, fullName);
      Verify.That(logged.Id != Guid.Empty, "id is empty");
      Verify.Equal("ip", HandOverIp, logged.IP);
      Verify.That(logged.Role >= 0, "role " + logged.Role);
      DateTime activityUtc = logged.DateOfLastActivity.ToUniversalTime();
      Verify.That(Math.Abs((activityUtc - DateTime.UtcNow).TotalMinutes) < 10, "date_od_last_activity " + activityUtc.ToString("o") + " is not now");
    }

    // ---- api/kill-session -----------------------------------------------------

    static UsuarioDto SampleKillBody(string username) {
      return new UsuarioDto {
        Id = 0,
        Username = username,
        Mail = "ana@example.test",
        FirstName = "Ana",
        LastName = "López \"<&>\"",
        CreationDate = new DateTime(2026, 1, 13, 5, 55, 51, 302, DateTimeKind.Local).AddTicks(1511),
        LastSuccessLogin = new DateTime(2026, 1, 13, 11, 55, 51, DateTimeKind.Utc),
        Active = true,
        Blocked = false,
        FailedLoginAttempts = 0,
        IdRole = 9,
        Email = "ana@example.test",
        IdUser = 0,
        IdIssuerBranchComma = "1,2",
        IdIssuerBranches = new List<int> { 1, 2 },
        IdGrupo = null,
      };
    }

    void KillSession(string name, string writer) {
      UsuarioDto dto = SampleKillBody(user);
      byte[] bytes; string contentType;
      if (writer == "FormUrlEncodedContent") {
        HttpContent form = FormOf(dto);
        bytes = form.ReadAsByteArrayAsync().Result;
        contentType = form.Headers.ContentType.ToString();
      } else {
        bytes = WriteWith(writer, dto);
        contentType = (writer == "DataContractSerializer" ? Xml : Json) + "; charset=utf-8";
      }
      BodyCase c = BodyCaseOf(name, "POST /api/kill-session", "UsuarioDto", "usuario", writer, contentType, bytes, typeof(UsuarioDto));
      if (writer == "FormUrlEncodedContent") c.Outcome.Value = dto;
      SendKill(c);
    }

    /// <summary>DataContractSerializer reads members in contract order: a known member after a later one is skipped.</summary>
    void KillSessionMembersOutOfOrder() {
      string xml = "<UsuarioDto xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://schemas.datacontract.org/2004/07/Model.Dto\">" +
        "<Username>" + SecurityElement.Escape(user) + "</Username><Id>2147483647</Id></UsuarioDto>";
      BodyCase c = BodyCaseOf("kill-session.xml-member-order", "POST /api/kill-session", "UsuarioDto", "usuario", "by hand",
        Xml + "; charset=utf-8", Wire.Utf8.GetBytes(xml), typeof(UsuarioDto));
      SendKill(c);
    }

    /// <summary>The outcome follows what the real reader bound: Id, else IdUser, else Username names the user.</summary>
    void SendKill(BodyCase c) {
      if (c.Outcome.Errors.Count > 0) throw new CheckFailed("the real reader refused this body: " + string.Join("; ", c.Outcome.Errors.Select(e => e.Value)));
      var bound = (UsuarioDto)c.Outcome.Value;
      bool own = bound.Id == 0 && bound.IdUser == 0 && bound.Username == user;
      Verify.That(own, "the case must name the caller (Id 0, IdUser 0, Username): bound Id " + bound.Id + ", IdUser " + bound.IdUser + ", Username " + bound.Username);
      c.Expect = new JObject { { "status", 200 }, { "success", true }, { "target", "caller" } };
      cases.Save(c);

      var session = NewSession();
      Answer answer = service.Send(HttpMethod.Post, "api/kill-session", Service.Body(c.Body, c.ContentType), Json, "Bearer " + session.UserToken);
      Verify.Status(answer, 200);
      GenericResponse response = ReadGeneric(answer, Json);
      Verify.Equal("Success", true, response.Success);
      Verify.That(response.Data != null && Convert.ToInt64(response.Data) >= 1, "Data (sessions ended) should be at least 1, is " + response.Data);
      Verify.Status(service.Send(HttpMethod.Get, "Auth/Session", null, Json, "Bearer " + session.UserToken), 401);
    }

    /// <summary>A form as a .NET client builds one: property names, invariant culture, repeated keys for a list.</summary>
    static FormUrlEncodedContent FormOf(UsuarioDto dto) {
      var pairs = new List<KeyValuePair<string, string>>();
      foreach (var property in typeof(UsuarioDto).GetProperties()) {
        object value = property.GetValue(dto, null);
        if (value == null) continue;
        if (value is List<int>) {
          foreach (int item in (List<int>)value) pairs.Add(new KeyValuePair<string, string>(property.Name, item.ToString(CultureInfo.InvariantCulture)));
        } else if (value is DateTime) {
          pairs.Add(new KeyValuePair<string, string>(property.Name, ((DateTime)value).ToString("o", CultureInfo.InvariantCulture)));
        } else {
          pairs.Add(new KeyValuePair<string, string>(property.Name, Convert.ToString(value, CultureInfo.InvariantCulture)));
        }
      }
      return new FormUrlEncodedContent(pairs);
    }

    static byte[] WriteWith(string writer, object value) {
      switch (writer) {
        case "DataContractSerializer": return Wire.DcsWrite(value);
        case "DataContractJsonSerializer": return Wire.DcjsWrite(value);
        case "Newtonsoft.Json 6, default settings": return Wire.Utf8.GetBytes(Wire.NewtonsoftWrite(value, false));
        case "Newtonsoft.Json 6, DateFormatHandling.MicrosoftDateFormat": return Wire.Utf8.GetBytes(Wire.NewtonsoftWrite(value, true));
        default: throw new ArgumentException("unknown writer " + writer);
      }
    }

    /// <summary>The body with what Web API 2's formatter for its media type reads from it.</summary>
    static BodyCase BodyCaseOf(string name, string route, string contract, string parameter, string writer, string contentType, byte[] bytes, Type type) {
      bool xml = contentType.StartsWith(Xml, StringComparison.Ordinal);
      bool form = contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal);
      return new BodyCase {
        Name = name, Route = route, Contract = contract, Parameter = parameter, Writer = writer, ContentType = contentType, Body = bytes,
        Reader = form ? "none: Mono has no Web API 2 model binder; bound is the instance the form was built from"
          : xml ? DcsReader : NewtonsoftReader,
        Outcome = form ? new ReadOutcome() : xml ? Wire.WebApiReadXml(bytes, type, parameter) : Wire.WebApiReadJson(Wire.Utf8.GetString(bytes), type, parameter),
      };
    }

    // ---- error bodies ---------------------------------------------------------

    void InvalidKillBody(string format) {
      string text = format == Xml
        ? "<UsuarioDto xmlns=\"http://schemas.datacontract.org/2004/07/Model.Dto\"><Id>abc</Id></UsuarioDto>"
        : "{\"Id\":\"abc\"}";
      BodyCase c = BodyCaseOf("error.400." + (format == Xml ? "xml" : "json"), "POST /api/kill-session", "UsuarioDto", "usuario", "by hand",
        format + "; charset=utf-8", Wire.Utf8.GetBytes(text), typeof(UsuarioDto));
      ExpectInvalid(c, () => "Bearer " + NewSession().UserToken, null);
    }

    void MissingRequiredMember() {
      if (options.ApiKey == null) throw new CheckSkipped("needs --api-key");
      var person = JObject.FromObject(SamplePerson("error.400.required-member"));
      person.Remove("id");
      BodyCase c = BodyCaseOf("error.400.required-member", "POST /api/Auth?IP=" + HandOverIp, "UserInfo", "userInfo", "Newtonsoft.Json 6 (JObject without id)",
        Json + "; charset=utf-8", Wire.Utf8.GetBytes(person.ToString(Newtonsoft.Json.Formatting.None)), typeof(UserInfo));
      ExpectInvalid(c, null, options.ApiKey);
    }

    /// <summary>
    /// A 400 HttpError with the ModelState the real reader reported: the serializer's own text for a
    /// local caller, "An error has occurred." for a remote one (IncludeErrorDetailPolicy.LocalOnly).
    /// </summary>
    void ExpectInvalid(BodyCase c, Func<string> bearer, string apiKey) {
      Verify.That(c.Outcome.Errors.Count > 0, "the real reader accepted this body");
      bool xml = c.ContentType.StartsWith(Xml, StringComparison.Ordinal);
      var keys = c.Outcome.Errors.Select(e => e.Key).Distinct().ToList();
      c.Expect = new JObject { { "status", 400 }, { "message", "The request is invalid." }, { "modelStateKeys", new JArray(keys) } };
      cases.Save(c);

      var headers = new Dictionary<string, string>();
      if (apiKey != null) headers["X-Api-Key"] = apiKey;
      string path = c.Route.Substring("POST /".Length);
      Answer answer = service.Send(HttpMethod.Post, path, Service.Body(c.Body, c.ContentType), xml ? Xml : Json, bearer == null ? null : bearer(), headers);
      Verify.Status(answer, 400);
      HttpErrorBody error = xml ? HttpErrorBody.FromXml(answer.Body) : HttpErrorBody.FromJson(answer.Text);
      Verify.Equal("Message", "The request is invalid.", error.Message);
      Verify.Equal("ModelState keys", string.Join(",", keys), string.Join(",", error.ModelState.Keys));
      foreach (string key in keys) {
        var messages = c.Outcome.Errors.Where(e => e.Key == key).Select(e => e.Value).ToList();
        var sent = error.ModelState[key];
        Verify.Equal("ModelState[" + key + "] entries", messages.Count, sent.Count);
        for (int i = 0; i < messages.Count; i++) {
          if (!options.ShowsErrorDetail) Verify.Equal("ModelState[" + key + "] (remote caller)", "An error has occurred.", sent[i]);
          // Mono's DataContractSerializer words its errors unlike .NET Framework's: only JSON texts are compared.
          else if (!xml) Verify.Equal("ModelState[" + key + "] (local caller: Newtonsoft's own text)", messages[i], sent[i]);
          else Verify.That(sent[i] != "" && sent[i] != "An error has occurred.", "ModelState[" + key + "] (local caller) should be the serializer's own text, is \"" + sent[i] + "\"");
        }
      }
    }

    HttpErrorBody ReadError(Answer answer, string format) {
      Verify.MediaType(answer, format + ";charset=utf-8");
      return format == Xml ? HttpErrorBody.FromXml(answer.Body) : HttpErrorBody.FromJson(answer.Text);
    }

    void Unauthorized(string format) {
      Answer answer = service.Send(HttpMethod.Get, "Auth/Session", null, format);
      Verify.Status(answer, 401);
      Verify.Equal("Message", Denied, ReadError(answer, format).Message);
    }

    /// <summary>The URI as .NET's Uri.ToString() prints it: path and query unescaped.</summary>
    void NotFound(string format) {
      const string path = "api/no-such-route/%7Bid%7D?q=a%20b";
      Answer answer = service.Send(HttpMethod.Get, path, null, format);
      Verify.Status(answer, 404);
      HttpErrorBody error = ReadError(answer, format);
      Verify.Equal("Message", "No HTTP resource was found that matches the request URI '" + service.UrlOf(path).ToString() + "'.", error.Message);
    }

    void MethodNotAllowed(string format) {
      Answer answer = service.Send(HttpMethod.Put, "Auth/Login", null, format);
      Verify.Status(answer, 405);
      Verify.Equal("Allow", "POST", string.Join(",", answer.Message.Content.Headers.Allow));
      Verify.Equal("Message", "The requested resource does not support http method 'PUT'.", ReadError(answer, format).Message);
    }

    void HeadOnGetOnlyRoute() {
      Answer answer = service.Send(HttpMethod.Head, "Auth/Session", null, Json);
      Verify.Status(answer, 405);
      Verify.Equal("Allow", "GET", string.Join(",", answer.Message.Content.Headers.Allow));
    }

    /// <summary>The 415 text keeps the media type as the client spelled it.</summary>
    void UnsupportedMediaType(string format, string mediaType) {
      string bearer = "Bearer " + NewSession().UserToken;
      Answer answer = service.Send(HttpMethod.Post, "api/kill-session", Service.Body(Wire.Utf8.GetBytes("Id=1"), mediaType), format, bearer);
      Verify.Status(answer, 415);
      Verify.Equal("Message", "The request entity's media type '" + mediaType + "' is not supported for this resource.", ReadError(answer, format).Message);
    }

    void NoContentType() {
      string bearer = "Bearer " + NewSession().UserToken;
      Answer answer = service.Send(HttpMethod.Post, "api/kill-session", Service.Body(Wire.Utf8.GetBytes("Id=1"), null), Json, bearer);
      Verify.Status(answer, 415);
      Verify.Equal("Message", "The request contains an entity body but no Content-Type header. The inferred media type 'application/octet-stream' is not supported for this resource.",
        ReadError(answer, Json).Message);
    }
  }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Xml.Linq;
using AlayaCare.Residential.AuthClient.Abstractions;
using AlayaCare.Residential.Common.Collections;
using AlayaCare.Residential.Common.Models;
using API.Helpers;
using IO.Swagger.Models;
using Model.Dto;
using Newtonsoft.Json.Linq;
using SessionGateway.Auth;

namespace SessionGateway.Conformance {
  public sealed class Check {
    public string Name;
    public Action Run;
  }

  /// <summary>The checks, in the order they run. Each logs in for itself, so any subset runs alone.</summary>
  public sealed partial class Checks {
    const string Json = "application/json";
    const string Xml = "application/xml";
    const string CompressedJson = "application/x-compressed-json";
    const string Denied = "Authorization has been denied for this request.";
    const string NewtonsoftReader = "Newtonsoft.Json 6 JsonSerializer with Web API 2's JsonMediaTypeFormatter settings";
    const string DcsReader = "DataContractSerializer as Web API 2's XmlMediaTypeFormatter runs it";

    readonly Service service;
    readonly Options options;
    readonly CaseLog cases;
    readonly string user;
    readonly string password;

    public Checks(Service service, Options options, CaseLog cases, string user, string password) {
      this.service = service; this.options = options; this.cases = cases; this.user = user; this.password = password;
    }

    public List<Check> All() {
      var list = new List<Check>();
      Action<string, Action> add = (name, run) => list.Add(new Check { Name = name, Run = run });
      add("login.basic.json", () => LoginBasic(Json));
      add("login.basic.xml", () => LoginBasic(Xml));
      add("login.basic.compressed-json", () => LoginBasic(CompressedJson));
      add("login.body.newtonsoft-json", () => LoginWithBody("login.body.newtonsoft-json", Json));
      add("login.body.dcs-xml", () => LoginWithBody("login.body.dcs-xml", Xml));
      add("login.body.compressed-json", () => LoginWithBody("login.body.compressed-json", CompressedJson));
      add("session.json", () => CurrentSession(Json));
      add("session.xml", () => CurrentSession(Xml));
      add("refresh.header", () => Refresh(null));
      add("refresh.body.newtonsoft-json", () => Refresh(Json));
      add("refresh.body.dcs-xml", () => Refresh(Xml));
      add("refresh.rotated-token-ends-session", RotatedRefreshTokenEndsSession);
      add("logout.json", () => Logout(Json));
      add("logout.xml", () => Logout(Xml));
      add("api-auth.newtonsoft-json", () => HandOver("api-auth.newtonsoft-json", "Newtonsoft.Json 6, default settings", Json));
      add("api-auth.newtonsoft-msdate", () => HandOver("api-auth.newtonsoft-msdate", "Newtonsoft.Json 6, DateFormatHandling.MicrosoftDateFormat", Json));
      add("api-auth.dcjs", () => HandOver("api-auth.dcjs", "DataContractJsonSerializer", Json));
      add("api-auth.dcs-xml", () => HandOver("api-auth.dcs-xml", "DataContractSerializer", Xml));
      add("kill-session.dcs-xml", () => KillSession("kill-session.dcs-xml", "DataContractSerializer"));
      add("kill-session.newtonsoft-json", () => KillSession("kill-session.newtonsoft-json", "Newtonsoft.Json 6, default settings"));
      add("kill-session.newtonsoft-msdate", () => KillSession("kill-session.newtonsoft-msdate", "Newtonsoft.Json 6, DateFormatHandling.MicrosoftDateFormat"));
      add("kill-session.dcjs", () => KillSession("kill-session.dcjs", "DataContractJsonSerializer"));
      add("kill-session.form", () => KillSession("kill-session.form", "FormUrlEncodedContent"));
      add("kill-session.xml-member-order", KillSessionMembersOutOfOrder);
      add("negotiation.accept-unparsable-dropped", () => AcceptNegotiation("application/xml, *", false));
      add("negotiation.accept-java-default-dropped", () => AcceptNegotiation("text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2", false));
      add("negotiation.accept-dropped-content-type-wins", () => AcceptNegotiation("application/json, foo", true));
      add("negotiation.accept-q-above-1", () => AcceptNegotiation("application/xml;q=2, application/json", false));
      add("error.400.json", () => InvalidKillBody(Json));
      add("error.400.xml", () => InvalidKillBody(Xml));
      add("error.400.required-member", MissingRequiredMember);
      add("error.401.json", () => Unauthorized(Json));
      add("error.401.xml", () => Unauthorized(Xml));
      add("error.404.json", () => NotFound(Json));
      add("error.404.xml", () => NotFound(Xml));
      add("error.405.json", () => MethodNotAllowed(Json));
      add("error.405.xml", () => MethodNotAllowed(Xml));
      add("error.405.head", HeadOnGetOnlyRoute);
      add("error.415.json", () => UnsupportedMediaType(Json, "text/plain"));
      add("error.415.xml", () => UnsupportedMediaType(Xml, "Text/Plain"));
      add("error.415.no-content-type", NoContentType);
      return list;
    }

    // ---- log in -------------------------------------------------------------

    /// <summary>A fresh session of the checks' user (Basic credentials, JSON answer).</summary>
    UserSessionDTO NewSession() {
      Answer answer = service.Send(HttpMethod.Post, "Auth/Login", null, Json, Service.Basic(user, password));
      Verify.Status(answer, 200);
      return Wire.NewtonsoftRead<UserSessionDTO>(answer.Text);
    }

    void LoginBasic(string accept) {
      Answer answer = service.Send(HttpMethod.Post, "Auth/Login", null, accept, Service.Basic(user, password));
      VerifySessionAnswer(answer, accept, true);
    }

    void LoginWithBody(string name, string format) {
      var body = new LoginRequest { UserName = user, Password = password };
      byte[] bytes; string reader; ReadOutcome outcome; string writer;
      if (format == Xml) {
        bytes = Wire.DcsWrite(body); writer = "DataContractSerializer"; reader = DcsReader;
        outcome = Wire.WebApiReadXml(bytes, typeof(LoginRequest), "request");
      } else {
        string text = Wire.NewtonsoftWrite(body, false);
        writer = format == Json ? "Newtonsoft.Json 6, default settings" : "Newtonsoft.Json 6, default settings, then DeflateStream";
        reader = NewtonsoftReader;
        outcome = Wire.WebApiReadJson(text, typeof(LoginRequest), "request");
        bytes = format == Json ? Wire.Utf8.GetBytes(text) : Wire.Deflate(Wire.Utf8.GetBytes(text));
      }
      var bound = (LoginRequest)outcome.Value;
      Verify.That(outcome.Errors.Count == 0 && bound.UserName == user && bound.Password == password,
        "the real reader did not read the credentials back");
      string contentType = format == CompressedJson ? format : format + "; charset=utf-8";
      cases.Save(new BodyCase {
        Name = name, Route = "POST /Auth/Login", Contract = "LoginRequest", Parameter = "request", Writer = writer,
        ContentType = contentType, Body = bytes, Reader = reader, Outcome = outcome, Expect = new JObject { { "status", 200 } },
      });
      Answer answer = service.Send(HttpMethod.Post, "Auth/Login", Service.Body(bytes, contentType), format);
      VerifySessionAnswer(answer, format, true);
    }

    void CurrentSession(string accept) {
      UserSessionDTO login = NewSession();
      Answer answer = service.Send(HttpMethod.Get, "Auth/Session", null, accept, "Bearer " + login.UserToken);
      UserSessionDTO current = VerifySessionAnswer(answer, accept, false);
      Verify.Equal("SessionID", login.SessionID, current.SessionID);
      Verify.Equal("UserID", login.UserID, current.UserID);
      Verify.Equal("UserHash", login.UserHash, current.UserHash);
      Verify.Equal("UserToken (the bearer token, echoed)", login.UserToken, current.UserToken);
    }

    // ---- refresh and log out ----------------------------------------------

    void Refresh(string bodyFormat) {
      UserSessionDTO login = NewSession();
      Answer answer;
      if (bodyFormat == null) {
        answer = service.Send(HttpMethod.Post, "Auth/Refresh", null, Json, null,
          new Dictionary<string, string> { { "X-Refresh-Token", login.RefreshToken } });
      } else {
        var body = new RefreshRequest { RefreshToken = login.RefreshToken };
        byte[] bytes = bodyFormat == Xml ? Wire.DcsWrite(body) : Wire.Utf8.GetBytes(Wire.NewtonsoftWrite(body, false));
        answer = service.Send(HttpMethod.Post, "Auth/Refresh", Service.Body(bytes, bodyFormat + "; charset=utf-8"), bodyFormat);
      }
      UserSessionDTO refreshed = VerifySessionAnswer(answer, bodyFormat ?? Json, true);
      Verify.Equal("SessionID", login.SessionID, refreshed.SessionID);
      Verify.That(refreshed.RefreshToken != login.RefreshToken, "the refresh token was not rotated");
      Answer alive = service.Send(HttpMethod.Get, "Auth/Session", null, Json, "Bearer " + refreshed.UserToken);
      Verify.Status(alive, 200);
    }

    void RotatedRefreshTokenEndsSession() {
      UserSessionDTO login = NewSession();
      var header = new Dictionary<string, string> { { "X-Refresh-Token", login.RefreshToken } };
      Verify.Status(service.Send(HttpMethod.Post, "Auth/Refresh", null, Json, null, header), 200);
      Answer again = service.Send(HttpMethod.Post, "Auth/Refresh", null, Json, null, header);
      Verify.Status(again, 401);
      Verify.Equal("Message", Denied, HttpErrorBody.FromJson(again.Text).Message);
    }

    void Logout(string accept) {
      UserSessionDTO login = NewSession();
      Answer answer = service.Send(HttpMethod.Post, "Auth/Logout", null, accept, "Bearer " + login.UserToken);
      Verify.Status(answer, 200);
      Verify.MediaType(answer, accept + ";charset=utf-8");
      GenericResponse response = ReadGeneric(answer, accept);
      Verify.Equal("Success", true, response.Success);
      Verify.That(!string.IsNullOrEmpty(response.Message), "Message is empty");
      Verify.Equal("Data (sessions ended)", 1L, Convert.ToInt64(response.Data));
      Answer after = service.Send(HttpMethod.Get, "Auth/Session", null, Json, "Bearer " + login.UserToken);
      Verify.Status(after, 401);
    }

    GenericResponse ReadGeneric(Answer answer, string format) {
      if (format == Xml) {
        var response = Wire.DcsRead<GenericResponse>(answer.Body);
        Verify.That(response.Data == null || response.Data is int, "XML Data should carry its runtime type (i:type=\"xsd:int\"), read as " +
          (response.Data == null ? "null" : response.Data.GetType().Name));
        Verify.SameXmlShape("GenericResponse", XElement.Parse(answer.Text), XElement.Parse(Wire.Utf8.GetString(Wire.DcsWrite(response))));
        return response;
      }
      var generic = Wire.NewtonsoftRead<GenericResponse>(answer.Text);
      Verify.SameJsonShape("GenericResponse", Verify.RawJson(answer.Text), JObject.FromObject(generic));
      return generic;
    }

    // ---- every field of UserSessionDTO --------------------------------------

    UserSessionDTO VerifySessionAnswer(Answer answer, string format, bool fresh) {
      Verify.Status(answer, 200);
      UserSessionDTO session;
      Dictionary<string, string> dates;
      JObject raw = null;
      if (format == Xml) {
        Verify.MediaType(answer, "application/xml;charset=utf-8");
        session = Wire.DcsRead<UserSessionDTO>(answer.Body);
        XElement root = XElement.Parse(answer.Text);
        Verify.SameXmlShape("UserSessionDTO", root, XElement.Parse(Wire.Utf8.GetString(Wire.DcsWrite(session))));
        dates = XmlDates(root);
      } else {
        string text;
        if (format == CompressedJson) {
          Verify.Equal("Content-Type", CompressedJson, answer.ContentType);
          Verify.That(answer.Message.Content.Headers.ContentEncoding.Count == 0, "compressed JSON must not carry Content-Encoding");
          text = Wire.Utf8.GetString(Wire.Inflate(answer.Body));
        } else {
          Verify.MediaType(answer, "application/json;charset=utf-8");
          text = answer.Text;
        }
        session = Wire.NewtonsoftRead<UserSessionDTO>(text);
        raw = Verify.RawJson(text);
        Verify.SameJsonShape("UserSessionDTO", raw, JObject.FromObject(session));
        dates = new Dictionary<string, string> {
          { "ExpiryDateUtc", (string)raw["expiryDateUtc"] },
          { "Created.DateUtc", (string)raw["created"]["dateUtc"] },
          { "LastUpdated.DateUtc", (string)raw["lastUpdated"]["dateUtc"] },
        };
      }
      Verify.That(session.SessionID > 0, "SessionID " + session.SessionID);
      Verify.That(session.UserID > 0, "UserID " + session.UserID);
      Verify.That(!string.IsNullOrEmpty(session.UserHash), "UserHash is empty");
      Verify.That(session.UserToken != null && session.UserToken.Split('.').Length == 3, "UserToken is not a JWT: " + session.UserToken);
      Verify.DateRoundTrips("ExpiryDateUtc", dates["ExpiryDateUtc"], session.ExpiryDateUtc);
      DateTime expiry = session.ExpiryDateUtc.ToUniversalTime();
      Verify.That(expiry > DateTime.UtcNow && expiry < DateTime.UtcNow.AddDays(2), "ExpiryDateUtc " + expiry.ToString("o") + " is not in the next two days");
      Verify.That(session.SessionData == null, "SessionData should be null");
      Verify.Equal("AppData[UserName]", user, session.AppData == null ? null : session.AppData.Get("UserName"));
      Verify.Equal("Props[UserName]", user, session.Props == null ? null : session.Props.Get("UserName"));
      Verify.Equal("UserName (from AppData)", user, session.UserName);
      string refresh = session.Props.Get("RefreshToken");
      Verify.That(fresh ? !string.IsNullOrEmpty(refresh) : refresh == null || refresh == "",
        fresh ? "Props[RefreshToken] is empty" : "Props[RefreshToken] should be empty on GET Auth/Session, is \"" + refresh + "\"");
      Verify.Equal("AppData[RefreshToken]", refresh, session.AppData.Get("RefreshToken"));
      foreach (Property property in session.Props.Concat(session.AppData)) {
        Verify.That(property.Value == null || property.Value is string, "Property " + property.Name + " Value is a " + property.Value.GetType().Name);
        if (format == Xml) Verify.Equal("Property " + property.Name + " ValueForXML", property.Value as string, property.ValueForXML);
      }
      Verify.Equal("RecordState", RecordState.Active, session.RecordState);
      VerifyAudit("Created", session.Created, dates["Created.DateUtc"], raw == null ? null : (JObject)raw["created"]);
      VerifyAudit("LastUpdated", session.LastUpdated, dates["LastUpdated.DateUtc"], raw == null ? null : (JObject)raw["lastUpdated"]);
      Verify.That(session.Features != null && session.Features.All(f => !string.IsNullOrEmpty(f)), "Features is null or holds an empty name");
      if (raw != null) {
        Verify.Equal("refreshToken (JSON, computed from Props)", session.RefreshToken, (string)raw["refreshToken"]);
        Verify.Equal("userName (JSON, computed from AppData)", session.UserName, (string)raw["userName"]);
        Verify.Equal("expired (JSON, computed from ExpiryDateUtc)", session.Expired, (bool)raw["expired"]);
        Verify.Equal("expiresSoon (JSON, computed from ExpiryDateUtc)", session.ExpiresSoon, (bool)raw["expiresSoon"]);
        Verify.Equal("isAuthorized", true, session.IsAuthorized);
        Verify.Equal("isSingleSignOn", false, session.IsSingleSignOn);
        Verify.That(raw["summary"].Type == JTokenType.String, "summary is not a string");
      }
      return session;
    }

    void VerifyAudit(string what, AuditDataDTO audit, string dateText, JObject raw) {
      Verify.That(audit != null, what + " is null");
      Verify.Equal(what + ".UserName", user, audit.UserName);
      Verify.DateRoundTrips(what + ".DateUtc", dateText, audit.DateUtc);
      if (raw == null) return;
      // The legacy server computed Summary from its Local DateTime: the wall clock the offset shows.
      string expected = audit.UserName + " on " + Verify.WallClock(dateText).ToString("G", CultureInfo.GetCultureInfo("en-US")) + "Z";
      Verify.Equal(what + ".summary", expected, (string)raw["summary"]);
    }

    static Dictionary<string, string> XmlDates(XElement root) {
      XNamespace ns = root.Name.Namespace;
      XNamespace models = "http://schemas.datacontract.org/2004/07/AlayaCare.Residential.Common.Models";
      Func<XElement, string> text = e => e == null ? null : e.Value;
      return new Dictionary<string, string> {
        { "ExpiryDateUtc", text(root.Element(ns + "ExpiryDateUtc")) },
        { "Created.DateUtc", text(root.Element(ns + "Created") == null ? null : root.Element(ns + "Created").Element(models + "DateUtc")) },
        { "LastUpdated.DateUtc", text(root.Element(ns + "LastUpdated") == null ? null : root.Element(ns + "LastUpdated").Element(models + "DateUtc")) },
      };
    }
  }
}

// application/x-www-form-urlencoded bodies bound by Mono's copy of ASP.NET Web
// API (JQueryMvcFormUrlEncodedFormatter + model binding, CollectionModelBinder),
// run in memory through HttpServer: the bound values and ModelState it decides.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Web.Http;
using System.Web.Http.ModelBinding;
using IO.Swagger.Models;
using Model.Dto;

public class FormKillSessionController : ApiController {
  [HttpPost] public HttpResponseMessage Post(UsuarioDto usuario) { return Forms.Outcome(ModelState, usuario); }
}

public class FormAuthController : ApiController {
  [HttpPost] public HttpResponseMessage Post(UserInfo userInfo) { return Forms.Outcome(ModelState, userInfo); }
}

static class Forms {
  public static HttpResponseMessage Outcome(ModelStateDictionary modelState, object bound) {
    var state = new Obj();
    foreach (var entry in modelState.OrderBy(e => e.Key, StringComparer.Ordinal)) {
      if (entry.Value.Errors.Count == 0) continue;
      // an error with an exception is what IncludeErrorDetailPolicy hides; model binding gives messages
      state.Add(entry.Key, entry.Value.Errors.Select(e => (object)(e.Exception != null ? "exception: " + e.Exception.Message : e.ErrorMessage)).ToList());
    }
    var body = new Obj().Add("modelState", state).Add("values", Canonical.Of(bound));
    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Json.Write(body)) };
  }

  public static void Generate(string outDir, int seed) {
    var config = new HttpConfiguration();
    config.Routes.MapHttpRoute("kill", "api/kill-session", new { controller = "FormKillSession" });
    config.Routes.MapHttpRoute("auth", "api/Auth", new { controller = "FormAuth" });
    var client = new HttpClient(new HttpServer(config));
    var random = new Random(seed);
    Write(client, outDir, "UsuarioDto", "usuario", "/api/kill-session", UsuarioBodies(random));
    Write(client, outDir, "UserInfo", "userInfo", "/api/Auth", UserInfoBodies(random));
  }

  static void Write(HttpClient client, string outDir, string contract, string parameter, string path, IEnumerable<KeyValuePair<string, string>> bodies) {
    var cases = new List<Obj>();
    foreach (var body in bodies) {
      var request = new HttpRequestMessage(HttpMethod.Post, "http://localhost" + path) {
        Content = new StringContent(body.Value, Encoding.UTF8, "application/x-www-form-urlencoded"),
      };
      var response = client.SendAsync(request).Result;
      string text = response.Content.ReadAsStringAsync().Result;
      if (response.StatusCode != HttpStatusCode.OK) throw new Exception(body.Key + ": " + (int)response.StatusCode + " " + text);
      cases.Add(new Obj().Add("name", body.Key).Add("body", body.Value).Add("outcome", new RawJson(text)));
    }
    Json.WriteFile(Path.Combine(outDir, contract + ".json"), new Obj()
      .Add("generator", "test/dotnet/generators/xml-negotiation (Mono " + XmlReading.MonoVersion() + ", System.Web.Http 4.0 model binding in an in-memory HttpServer)")
      .Add("contract", contract).Add("parameter", parameter).Add("cases", cases));
    Console.WriteLine("forms {0}: {1} cases", contract, cases.Count);
  }

  static KeyValuePair<string, string> Pair(string a, string b) { return new KeyValuePair<string, string>(a, b); }

  static string Enc(string s) { return Uri.EscapeDataString(s); }

  static IEnumerable<KeyValuePair<string, string>> UsuarioBodies(Random r) {
    yield return Pair("id-not-a-number", "Id=abc&Username=bob");
    yield return Pair("index-gap", "IdIssuerBranches[0]=1&IdIssuerBranches[2]=3");
    yield return Pair("index-order", "IdIssuerBranches[1]=1&IdIssuerBranches[0]=3");
    yield return Pair("index-from-one", "IdIssuerBranches[1]=1&IdIssuerBranches[2]=3");
    yield return Pair("repeated", "IdIssuerBranches=1&IdIssuerBranches=2");
    yield return Pair("brackets", "IdIssuerBranches[]=1&IdIssuerBranches[]=2");
    yield return Pair("mixed-repeat-and-index", "IdIssuerBranches=5&IdIssuerBranches[0]=1");
    yield return Pair("index-bad-item", "IdIssuerBranches[0]=1&IdIssuerBranches[1]=x&IdIssuerBranches[2]=3");
    yield return Pair("case-insensitive", "idissuerbranches=7&ID=5&username=x");
    yield return Pair("dates-invariant", "CreationDate=" + Enc("1/13/2026 5:55:51 AM") + "&LastSuccessLogin=" + Enc("13/01/2026"));
    yield return Pair("date-offset", "CreationDate=" + Enc("2026-01-13T05:55:51.302-06:00"));
    yield return Pair("date-utc", "CreationDate=" + Enc("2026-01-13T11:55:51Z") + "&DisabledDate=" + Enc("2026-01-13"));
    yield return Pair("date-rfc1123", "CreationDate=" + Enc("Tue, 13 Jan 2026 11:55:51 GMT"));
    yield return Pair("date-bad", "CreationDate=yesterday");
    yield return Pair("bools", "Active=True&Blocked=false");
    yield return Pair("bool-one", "Blocked=1");
    yield return Pair("bool-yes", "Active=yes");
    yield return Pair("empty-nullables", "IdGrupo=&Active=&LastSuccessLogin=");
    yield return Pair("empty-value-type", "Id=&IdRole=");
    yield return Pair("int-overflow", "Id=2147483648");
    yield return Pair("int-float", "Id=1.5");
    yield return Pair("int-spaces", "Id=+%2042%20");
    yield return Pair("int-negative", "Id=-42&FailedLoginAttempts=-1");
    yield return Pair("string-empty", "Username=&Mail=x");
    yield return Pair("string-repeated", "Username=a&Username=b");
    yield return Pair("json-names-ignored", "id=3&user_name=z");
    yield return Pair("dotted-unknown", "Foo.Bar=1&Id=2");
    yield return Pair("plus-space", "Username=a+b%2Bc");
    for (int i = 0; i < 25; i++) {
      var parts = new List<string>();
      if (r.Next(2) == 0) parts.Add(Case(r, "Id") + "=" + r.Next(-1000, 1000));
      if (r.Next(2) == 0) parts.Add(Case(r, "Username") + "=" + Enc("u" + r.Next(1000) + (r.Next(3) == 0 ? " é&=" : "")));
      if (r.Next(2) == 0) parts.Add(Case(r, "IdGrupo") + "=" + (r.Next(3) == 0 ? "" : r.Next(100).ToString()));
      if (r.Next(2) == 0) parts.Add(Case(r, "Active") + "=" + (r.Next(2) == 0 ? "true" : "False"));
      int n = r.Next(5);
      var indexes = Enumerable.Range(0, n).Select(k => r.Next(4) == 0 ? k + 1 : k).OrderBy(_ => r.Next()).ToList();
      int style = r.Next(3);
      foreach (var k in indexes)
        parts.Add(Case(r, "IdIssuerBranches") + (style == 0 ? "" : style == 1 ? "%5B%5D" : "%5B" + k + "%5D") + "=" + r.Next(-50, 500));
      if (r.Next(3) == 0) parts.Add(Case(r, "CreationDate") + "=" + Enc(new DateTime(2000 + r.Next(40), 1 + r.Next(12), 1 + r.Next(28), r.Next(24), r.Next(60), r.Next(60)).ToString(r.Next(2) == 0 ? "M/d/yyyy h:mm:ss tt" : "yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)));
      yield return Pair("random-" + i, string.Join("&", parts.OrderBy(_ => r.Next())));
    }
  }

  static string Case(Random r, string name) {
    switch (r.Next(4)) { case 0: return name.ToLowerInvariant(); case 1: return name.ToUpperInvariant(); default: return name; }
  }

  static IEnumerable<KeyValuePair<string, string>> UserInfoBodies(Random r) {
    const string G = "6f1c0000-0000-0000-0000-000000000001";
    yield return Pair("required-missing", "first_name=x");
    yield return Pair("required-present-clr-names", "Id=" + G + "&Deleted=true&StateId=1");
    yield return Pair("required-data-member-names", "id=" + G + "&deleted=true&state_id=1");
    yield return Pair("clr-and-json-names", "Id=" + G + "&FirstName=f&first_name=g&Deleted=true&StateId=1");
    yield return Pair("nested-dotted", "Id=" + G + "&Deleted=true&StateId=1&ViewInfo.Id=" + G + "&ViewInfo.ShowDateOfInRequest=true");
    yield return Pair("nested-brackets", "Id=" + G + "&Deleted=true&StateId=1&ViewInfo%5BShowDateOfInRequest%5D=true");
    yield return Pair("guid-bad", "Id=not-a-guid&Deleted=true&StateId=1");
    yield return Pair("guid-n-format", "Id=6f1c0000000000000000000000000001&Deleted=true&StateId=1&IdRole=");
    yield return Pair("guid-braces", "Id=%7B" + G + "%7D&Deleted=true&StateId=1");
    yield return Pair("birthdate", "Id=" + G + "&Deleted=true&StateId=1&Birthdate=" + Enc("1990-05-01T10:00:00Z"));
    yield return Pair("required-empty", "Id=&Deleted=&StateId=");
    yield return Pair("fullname-ignored", "Id=" + G + "&Deleted=true&StateId=1&FullName=x+y&FirstName=a&LastName=b");
  }
}

/** Already-serialized JSON, embedded as is. */
class RawJson : List<KeyValuePair<string, object>> {
  public readonly string Text;
  public RawJson(string text) { Text = text; }
}

// Accept / Accept-Charset / Content-Type / X-Requested-With combinations:
// how System.Net.Http parses each header (an unparsable one is dropped whole)
// and what DefaultContentNegotiator picks over Web API's formatters.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Formatting;
using System.Net.Http.Headers;
using System.Text;
using API.Helpers;

/** application/x-compressed-json: writes anything, binary (no SupportedEncodings, so no charset). */
class CompressedJsonFormatter : MediaTypeFormatter {
  public CompressedJsonFormatter() { SupportedMediaTypes.Add(new MediaTypeHeaderValue("application/x-compressed-json")); }
  public override bool CanReadType(Type type) { return true; }
  public override bool CanWriteType(Type type) { return true; }
}

/**
 * Web API 2's JsonMediaTypeFormatter carries an X-Requested-With mapping that
 * applies only without an Accept header (or with exactly `*\/*`); Mono's
 * pre-release copy has its own internal variant, replaced by this one.
 */
class XmlHttpRequestMapping : RequestHeaderMapping {
  public XmlHttpRequestMapping() : base("x-requested-with", "XMLHttpRequest", StringComparison.OrdinalIgnoreCase, true, "application/json") {}
  public override double TryMatchMediaType(HttpRequestMessage request) {
    var accept = request.Headers.Accept;
    if (accept.Count == 0 || (accept.Count == 1 && accept.First().MediaType == "*/*")) return base.TryMatchMediaType(request);
    return 0.0;
  }
}

static class Negotiation {
  public static MediaTypeFormatter[] Formatters() {
    var json = new JsonMediaTypeFormatter();
    json.MediaTypeMappings.Clear();
    json.MediaTypeMappings.Add(new XmlHttpRequestMapping());
    return new MediaTypeFormatter[] { json, new XmlMediaTypeFormatter(), new CompressedJsonFormatter(), new FormUrlEncodedMediaTypeFormatter() };
  }

  static readonly string[] HandAccepts = {
    null, "", "*/*", "text/*", "application/*", "application/xml", "text/xml", "text/json", "application/json", "APPLICATION/XML",
    "application/x-compressed-json", "application/xml, *", "application/xml, foo", "application/xml;", "application/xml; ",
    "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2", "application/xml;q=2, application/json", "application/json, application/xml;q=2",
    "application/xml;q=0.9,*/*;q=0.8", "application/json;q=0.5,application/xml;q=0.9", "application/xml,application/json",
    "application/json,application/xml", "*/*,application/xml", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "application/xml;q=0", "application/xml;q=abc", "application/xml;q=1.5", "application/xml;q=-1", "application/xml;q=.5, application/json;q=.4",
    "text/*;q=0.5, application/xml;q=0.4", "application/*;q=0.5, text/xml;q=0.5", "application/xml ; q=0.5", "application/xml,", ",application/xml",
    "application/xml,,text/json", "application/xml;level=1", "application/xml; charset=utf-16", "application/xml;q=0.5;q=0.9", "application/ xml",
    "application /xml", "application/xml q=0.5", "\"application/xml\"", "application/xml;foo", "application/xml;foo=", "application/xml;foo=\"bar\"",
    "application/xml;q=0.3, text/*;q=0.3", "*/*;q=0.1, application/xml;q=0.1", "text/plain", "image/*", "*/xml", "application/json;q=0, */*",
    "application/xml, application/json;q=1.0001", "application/xml;q=0.0001", "application/xml;Q=0.5, application/json;q=0.6",
  };

  static readonly string[] AcceptPool = {
    "application/json", "application/xml", "text/xml", "text/json", "*/*", "text/*", "application/*", "text/html", "image/png",
    "application/x-compressed-json", "*", "foo", "application/xml;", "application/json; charset=utf-8", "text/plain",
  };

  static readonly string[] QPool = { null, null, null, "1", "0", "0.5", ".2", "0.9", "2", "abc", "0.50", "1.0", "0.001" };

  static readonly string[] ContentTypes = {
    null, "application/json", "application/xml", "text/xml", "text/json", "text/plain", "application/x-www-form-urlencoded",
    "application/x-compressed-json", "application/xml; charset=utf-16", "application/json; charset=utf-16", "foo", "APPLICATION/XML", "application/xml;",
  };

  static readonly string[] AcceptCharsets = {
    null, "utf-8", "utf-16", "*, utf-16", "utf-16, *", "utf-16;q=0.5, utf-8", "utf-8;", "iso-8859-1", "*", "utf-16;q=0", "UTF-16",
    "utf-16, foo bar", "*;q=0.1, utf-16;q=0.1", "utf-16;q=2, utf-8", "unicode", "utf-16;q=abc", "utf-16,", ";", "utf-8;q=0, *",
  };

  public static void Generate(string outDir, int seed) {
    var random = new Random(seed);
    var cases = new List<Obj>();
    int n = 0;
    foreach (var accept in HandAccepts)
      foreach (var ct in new[] { null, "application/xml" })
        cases.Add(Case("accept-" + (n++), accept, null, ct, false));
    foreach (var charset in AcceptCharsets)
      foreach (var accept in new[] { null, "application/xml", "application/x-compressed-json" })
        cases.Add(Case("charset-" + (n++), accept, charset, null, false));
    foreach (var ct in ContentTypes)
      foreach (var accept in new[] { null, "application/xml, foo", "image/png", "application/xml;q=0" })
        foreach (var xrw in new[] { false, true })
          cases.Add(Case("content-type-" + (n++), accept, null, ct, xrw));
    for (int i = 0; i < 600; i++) {
      int count = random.Next(1, 5);
      var parts = new List<string>();
      for (int k = 0; k < count; k++) {
        string part = AcceptPool[random.Next(AcceptPool.Length)];
        string q = QPool[random.Next(QPool.Length)];
        if (q != null) part += (random.Next(2) == 0 ? ";q=" : "; q=") + q;
        parts.Add(part);
      }
      string accept = random.Next(10) == 0 ? null : string.Join(random.Next(2) == 0 ? "," : ", ", parts);
      cases.Add(Case("random-" + i, accept, AcceptCharsets[random.Next(AcceptCharsets.Length)],
        ContentTypes[random.Next(ContentTypes.Length)], random.Next(5) == 0));
    }
    Json.WriteFile(Path.Combine(outDir, "negotiation.json"), new Obj()
      .Add("generator", "test/dotnet/generators/xml-negotiation (Mono " + XmlReading.MonoVersion() + ", System.Net.Http header parsers, System.Net.Http.Formatting DefaultContentNegotiator)")
      .Add("formatters", "JSON (application/json, text/json; utf-8, utf-16; X-Requested-With mapping), XML (application/xml, text/xml; utf-8, utf-16), compressed JSON (application/x-compressed-json; no charset)")
      .Add("cases", cases));
    Console.WriteLine("negotiation: {0} cases", cases.Count);
  }

  static Obj Case(string name, string accept, string acceptCharset, string contentType, bool xhr) {
    var request = new HttpRequestMessage(HttpMethod.Post, "http://localhost/api/kill-session");
    if (accept != null) request.Headers.TryAddWithoutValidation("Accept", accept);
    if (acceptCharset != null) request.Headers.TryAddWithoutValidation("Accept-Charset", acceptCharset);
    if (xhr) request.Headers.TryAddWithoutValidation("X-Requested-With", "XMLHttpRequest");
    request.Content = new ByteArrayContent(new byte[] { 0x7b, 0x7d });
    if (contentType != null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
    // reading the typed collections is what parses the raw values (and drops an unparsable header)
    var acceptValues = request.Headers.Accept.Select(v => v.ToString()).ToList();
    var charsetValues = request.Headers.AcceptCharset.Select(v => v.ToString()).ToList();
    var requestType = request.Content.Headers.ContentType;
    var result = new DefaultContentNegotiator().Negotiate(typeof(GenericResponse), request, Formatters());
    var o = new Obj().Add("name", name).Add("accept", accept).Add("acceptCharset", acceptCharset)
      .Add("contentType", contentType).Add("xRequestedWith", xhr ? "XMLHttpRequest" : null)
      .Add("acceptParsed", accept == null ? null : (object)acceptValues)
      .Add("acceptCharsetParsed", acceptCharset == null ? null : (object)charsetValues)
      .Add("contentTypeParsed", requestType == null ? null : requestType.ToString());
    if (result == null) return o.Add("mediaType", null).Add("charset", null);
    return o.Add("mediaType", result.MediaType.MediaType).Add("charset", result.MediaType.CharSet);
  }
}

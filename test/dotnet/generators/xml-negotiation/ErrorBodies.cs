// What Web API's 404 text quotes: the request URI as System.Uri.ToString()
// prints it (path and query unescaped where safe, host lower-cased, default
// port dropped).
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

static class ErrorBodies {
  static readonly string[] Hosts = { "localhost", "LocalHost", "API.Example.TEST", "127.0.0.1", "[::1]" };
  static readonly string[] Ports = { "", ":80", ":8080", ":443" };
  static readonly string[] Paths = {
    "/api/nothing", "/api/n%20o", "/api/a%2Fb", "/api/%25", "/api/caf%C3%A9", "/api/%E6%97%A5", "/api/a+b", "/api/%3Cscript%3E",
    "/api/a%3Fb", "/api/a%23b", "/api/%41%42", "/api/a%3Ab", "/api/a%40b", "/api/a%2Bb", "/api/a%26b", "/api/a%3Db", "/api/%22q%22",
    "/api/%7Bx%7D", "/api/a%5Cb", "/api/%7C", "/api/%00", "/api/%0A", "/api/%7F", "/API/Kill-Session/x", "/api/a%2eb", "/api/%2E%2E/x",
    "/api/%E0%A4", "/api/%ZZ", "/api/%27%28%29%2A%21", "/api/%5B%5D", "/api/%60%5E", "/api/a;b", "/api/~user",
  };
  static readonly string[] Queries = { "", "?a=%20b&c=%3D", "?x=caf%C3%A9", "?q=a+b", "?q=%26%3D%3F%23", "?", "?%41=1", "?q=%3Cx%3E" };

  public static void Generate(string outDir, int seed) {
    var random = new Random(seed);
    var cases = new List<Obj>();
    int n = 0;
    foreach (var path in Paths) cases.Add(Case("path-" + n++, "http://localhost" + path));
    foreach (var query in Queries) cases.Add(Case("query-" + n++, "http://localhost/api/nothing" + query));
    foreach (var host in Hosts) foreach (var port in Ports) cases.Add(Case("host-" + n++, "http://" + host + port + "/api/nothing"));
    cases.Add(Case("https-default-port", "https://Example.test:443/api/x"));
    cases.Add(Case("https-port-80", "https://example.test:80/api/x"));
    for (int i = 0; i < 40; i++) {
      string url = "http://" + Hosts[random.Next(Hosts.Length)] + Ports[random.Next(Ports.Length)]
        + Paths[random.Next(Paths.Length)] + Queries[random.Next(Queries.Length)];
      cases.Add(Case("random-" + i, url));
    }
    Json.WriteFile(Path.Combine(outDir, "not-found-uri.json"), new Obj()
      .Add("generator", "test/dotnet/generators/xml-negotiation (Mono " + XmlReading.MonoVersion() + ", System.Uri)")
      .Add("cases", cases));
    Console.WriteLine("error-bodies not-found-uri: {0} cases", cases.Count);
  }

  static Obj Case(string name, string url) {
    var o = new Obj().Add("name", name).Add("url", url);
    Uri uri;
    if (!Uri.TryCreate(url, UriKind.Absolute, out uri)) return o.Add("printed", null);
    return o.Add("printed", uri.ToString())
      .Add("message", "No HTTP resource was found that matches the request URI '" + uri + "'.");
  }
}

using System;
using System.Linq;
using System.Net.Http;
using AlayaCare.Residential.AuthClient.Abstractions;

namespace SessionGateway.Conformance {
  /// <summary>
  /// Negotiation as System.Net.Http parses headers (SPEC 4.2 step 0): the client's own
  /// HttpRequestHeaders decide whether an Accept survives parsing; an unparsable one is dropped
  /// whole, and the answer follows the request's Content-Type, else JSON.
  /// </summary>
  public sealed partial class Checks {
    void AcceptNegotiation(string accept, bool xmlBody) {
      UserSessionDTO login = xmlBody ? null : NewSession();
      string expected = ExpectedFormat(accept, xmlBody ? Xml : null);
      HttpContent content = null;
      if (xmlBody) content = Service.Body(Wire.DcsWrite(new SessionGateway.Auth.LoginRequest { UserName = user, Password = password }), Xml + "; charset=utf-8");
      Answer answer = xmlBody
        ? service.Send(HttpMethod.Post, "Auth/Login", content, accept)
        : service.Send(HttpMethod.Get, "Auth/Session", null, accept, "Bearer " + login.UserToken);
      Verify.Status(answer, 200);
      Verify.MediaType(answer, expected + ";charset=utf-8");
      VerifySessionAnswer(answer, expected, xmlBody);
    }

    /// <summary>What Web API 2 answers for this Accept, as System.Net.Http parsed it.</summary>
    static string ExpectedFormat(string accept, string requestFormat) {
      var probe = new HttpRequestMessage(HttpMethod.Get, "http://localhost/");
      probe.Headers.TryAddWithoutValidation("Accept", accept);
      var parsed = probe.Headers.Accept.Where(a => (a.Quality ?? 1) > 0).ToList();
      if (parsed.Count == 0) return requestFormat ?? Json;
      // Highest q first, stable; q is not range-checked. Only literal JSON/XML types occur in these cases.
      string best = parsed.OrderByDescending(a => a.Quality ?? 1).First().MediaType;
      return best == Xml ? Xml : Json;
    }
  }
}

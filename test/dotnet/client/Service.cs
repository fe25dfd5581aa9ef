using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

namespace SessionGateway.Conformance {
  /// <summary>A check's failure, with the reason printed after FAIL.</summary>
  public sealed class CheckFailed : Exception {
    public CheckFailed(string reason) : base(reason) {}
  }

  /// <summary>A check that cannot run with the options given (printed as SKIP).</summary>
  public sealed class CheckSkipped : Exception {
    public CheckSkipped(string reason) : base(reason) {}
  }

  public sealed class Answer {
    public int Status;
    public byte[] Body;
    public string ContentType;
    public HttpResponseMessage Message;
    public string Text { get { return Wire.Utf8.GetString(Body); } }
    public string Describe() {
      string text = Body.Length > 300 ? Wire.Utf8.GetString(Body, 0, 300) + "…" : Text;
      return Status + " " + (ContentType ?? "(no Content-Type)") + " " + text;
    }
  }

  /// <summary>The deployment, through System.Net.Http's HttpClient as a .NET client calls it.</summary>
  public sealed class Service : IDisposable {
    readonly HttpClient http;
    public readonly Uri BaseUrl;

    public Service(Uri baseUrl) {
      BaseUrl = baseUrl;
      http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
      http.Timeout = TimeSpan.FromSeconds(30);
    }

    public Uri UrlOf(string path) { return new Uri(BaseUrl, path); }

    public Answer Send(HttpMethod method, string path, HttpContent content = null, string accept = null,
                       string authorization = null, IDictionary<string, string> headers = null) {
      var request = new HttpRequestMessage(method, UrlOf(path)) { Content = content };
      if (accept != null) request.Headers.TryAddWithoutValidation("Accept", accept);
      if (authorization != null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
      if (headers != null) foreach (var h in headers) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
      HttpResponseMessage response = http.SendAsync(request).Result;
      return new Answer {
        Status = (int)response.StatusCode,
        Body = response.Content.ReadAsByteArrayAsync().Result,
        ContentType = response.Content.Headers.ContentType == null ? null : response.Content.Headers.ContentType.ToString(),
        Message = response,
      };
    }

    public static ByteArrayContent Body(byte[] bytes, string contentType) {
      var content = new ByteArrayContent(bytes);
      if (contentType != null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
      return content;
    }

    public static string Basic(string user, string password) {
      return "Basic " + Convert.ToBase64String(Wire.Utf8.GetBytes(user + ":" + password));
    }

    public void Dispose() { http.Dispose(); }
  }
}

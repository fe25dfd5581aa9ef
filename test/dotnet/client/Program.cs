using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using Newtonsoft.Json.Linq;

namespace SessionGateway.Conformance {
  /// <summary>
  /// session-gateway's own .NET client: runs named checks against a live deployment with
  /// HttpClient, DataContractSerializer, DataContractJsonSerializer and Newtonsoft.Json 6,
  /// prints PASS/FAIL per check and a summary; exit code 0 iff every check passed.
  /// </summary>
  public static class Program {
    public static int Main(string[] args) {
      Options options;
      try {
        options = Options.Parse(args);
      } catch (Exception e) {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(Options.Usage);
        return 2;
      }
      if (options.List) {
        foreach (var check in new Checks(null, options, null, null, null).All()) Console.WriteLine(check.Name);
        return 0;
      }
      using (var service = new Service(options.BaseUrl)) {
        string user = options.User, password = options.Password;
        if (user == null) {
          try {
            Provision(service, options, out user, out password);
          } catch (Exception e) {
            Console.WriteLine("FAIL  setup.create-user: " + Wire.Unwrap(e).Message);
            return 1;
          }
        }
        var cases = new CaseLog(options.SaveCases, user, password);
        var checks = new Checks(service, options, cases, user, password).All()
          .Where(c => options.Only == null || c.Name.StartsWith(options.Only, StringComparison.Ordinal)).ToList();
        int passed = 0, failed = 0, skipped = 0;
        var clock = Stopwatch.StartNew();
        foreach (var check in checks) {
          try {
            check.Run();
            passed++;
            Console.WriteLine("PASS  " + check.Name);
          } catch (Exception e) {
            Exception cause = Wire.Unwrap(e);
            if (cause is CheckSkipped) {
              skipped++;
              Console.WriteLine("SKIP  " + check.Name + ": " + cause.Message);
            } else {
              failed++;
              string reason = cause is CheckFailed ? cause.Message : cause.GetType().Name + ": " + cause.Message;
              Console.WriteLine("FAIL  " + check.Name + ": " + reason.Replace("\r", "\\r").Replace("\n", "\\n"));
            }
          }
        }
        Console.WriteLine(string.Format("checks: {0}, passed: {1}, failed: {2}, skipped: {3} ({4:0.0} s{5})",
          checks.Count, passed, failed, skipped, clock.Elapsed.TotalSeconds,
          options.SaveCases == null ? "" : ", " + cases.Saved + " cases saved to " + options.SaveCases));
        return failed == 0 && skipped == 0 ? 0 : 1;
      }
    }

    /// <summary>With an administrator's login: a fresh plain user for the checks, through the admin API.</summary>
    static void Provision(Service service, Options options, out string user, out string password) {
      Answer login = service.Send(HttpMethod.Post, "Auth/Login", null, "application/json", Service.Basic(options.AdminUser, options.AdminPassword));
      Verify.Status(login, 200);
      string bearer = "Bearer " + (string)JObject.Parse(login.Text)["userToken"];
      user = "dotnet-conformance-" + Random(6);
      password = Random(18);
      var body = new JObject { { "UserName", user }, { "Password", password }, { "FirstName", "Conformance" }, { "LastName", "Client" } };
      Answer created = service.Send(HttpMethod.Post, "api/admin/v1/users",
        Service.Body(Wire.Utf8.GetBytes(body.ToString()), "application/json; charset=utf-8"), "application/json", bearer);
      Verify.Status(created, 201);
    }

    static string Random(int bytes) {
      var data = new byte[bytes];
      using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(data);
      return BitConverter.ToString(data).Replace("-", "").ToLowerInvariant();
    }
  }
}

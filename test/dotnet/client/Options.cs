using System;
using System.Collections.Generic;

namespace SessionGateway.Conformance {
  /// <summary>Command line of the conformance client.</summary>
  public sealed class Options {
    public Uri BaseUrl;
    public string ApiKey;
    public string User;
    public string Password;
    public string AdminUser;
    public string AdminPassword;
    public string SaveCases;
    public string Only;
    public bool List;
    /// <summary>Whether the service shows serializer messages to this caller (Web API's IncludeErrorDetailPolicy).</summary>
    public bool? ErrorDetail;

    public const string Usage =
      "usage: conformance-client --url URL [--api-key KEY] (--user NAME --password PW | --admin-user NAME --admin-password PW)\n" +
      "                          [--error-detail local|remote] [--only PREFIX] [--save-cases DIR] [--list]\n" +
      "  --url             the deployment, e.g. https://sessions.example.com\n" +
      "  --api-key         an X-Api-Key of API_CLIENT_KEYS, for the api/Auth checks (skipped without it)\n" +
      "  --user/--password a plain user the checks log in as (its sessions get ended)\n" +
      "  --admin-user/--admin-password  an administrator: the client creates a fresh plain user through the admin API\n" +
      "  --error-detail    whether formatter errors show the serializer's text (local) or 'An error has occurred.' (remote);\n" +
      "                    default: local when the URL's host is a loopback address (Web API's LocalOnly policy)\n" +
      "  --only            run only the checks whose name starts with PREFIX\n" +
      "  --save-cases      write every request body sent, with what the real serializers read from it, as JSON files\n" +
      "  --list            print the check names and exit";

    public static Options Parse(string[] args) {
      var o = new Options();
      for (int i = 0; i < args.Length; i++) {
        string name = args[i];
        Func<string> next = () => {
          if (i + 1 >= args.Length) throw new ArgumentException(name + " needs a value");
          return args[++i];
        };
        switch (name) {
          case "--url": o.BaseUrl = new Uri(next().TrimEnd('/') + "/"); break;
          case "--api-key": o.ApiKey = next(); break;
          case "--user": o.User = next(); break;
          case "--password": o.Password = next(); break;
          case "--admin-user": o.AdminUser = next(); break;
          case "--admin-password": o.AdminPassword = next(); break;
          case "--save-cases": o.SaveCases = next(); break;
          case "--only": o.Only = next(); break;
          case "--list": o.List = true; break;
          case "--error-detail": {
            string v = next();
            if (v != "local" && v != "remote") throw new ArgumentException("--error-detail is local or remote");
            o.ErrorDetail = v == "local";
            break;
          }
          default: throw new ArgumentException("unknown option " + name);
        }
      }
      if (o.List) return o;
      if (o.BaseUrl == null) throw new ArgumentException("--url is required");
      bool plain = o.User != null && o.Password != null;
      bool admin = o.AdminUser != null && o.AdminPassword != null;
      if (!plain && !admin) throw new ArgumentException("give --user and --password, or --admin-user and --admin-password");
      return o;
    }

    public bool ShowsErrorDetail { get { return ErrorDetail ?? BaseUrl.IsLoopback; } }
  }
}

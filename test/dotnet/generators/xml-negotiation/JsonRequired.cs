// JSON bodies missing IsRequired members, read by Newtonsoft.Json 6 as Web API 2's
// JsonMediaTypeFormatter reads them: its JsonContractResolver marks a member that
// ModelValidationRequiredMemberSelector finds required ([DataMember(IsRequired = true)])
// Required.AllowNull, and each serializer error goes to ModelState under
// parameter + "." + error path (the bare parameter when the path is empty).
extern alias Newtonsoft6;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;
using IO.Swagger.Models;
using NJ = Newtonsoft6::Newtonsoft.Json;

class RequiredDataMemberResolver : Newtonsoft6::Newtonsoft.Json.Serialization.DefaultContractResolver {
  protected override Newtonsoft6::Newtonsoft.Json.Serialization.JsonProperty CreateProperty(MemberInfo member, NJ.MemberSerialization serialization) {
    var property = base.CreateProperty(member, serialization);
    var dataMember = (DataMemberAttribute)Attribute.GetCustomAttribute(member, typeof(DataMemberAttribute));
    if (dataMember != null && dataMember.IsRequired) {
      property.Required = NJ.Required.AllowNull;
      property.DefaultValueHandling = NJ.DefaultValueHandling.Include;
      property.NullValueHandling = NJ.NullValueHandling.Include;
    } else property.Required = NJ.Required.Default;
    return property;
  }
}

static class JsonRequired {
  const string G = "6f1c0000-0000-0000-0000-000000000001";
  static readonly string[] Bodies = {
    "{\"first_name\":\"Ana\"}", "{}", "{\"id\":\"" + G + "\"}", "{\n  \"deleted\": true\n}", "{\"id\":\"" + G + "\",\"deleted\":false}",
    "{\"id\":\"" + G + "\",\"deleted\":false,\"state_id\":1}", "{\"ID\":\"" + G + "\",\"Deleted\":false,\"STATE_ID\":1}",
    "  {\"deleted\":true,\"state_id\":2}  ", "{\"view_info\":{\"id\":\"" + G + "\"},\"deleted\":true}",
  };

  public static void Generate(string outDir) {
    var cases = new List<Obj>();
    int n = 0;
    foreach (var body in Bodies) {
      var serializer = NJ.JsonSerializer.Create(new NJ.JsonSerializerSettings {
        ContractResolver = new RequiredDataMemberResolver(), MissingMemberHandling = NJ.MissingMemberHandling.Ignore,
      });
      var modelState = new Obj();
      serializer.Error += (sender, e) => {
        string key = string.IsNullOrEmpty(e.ErrorContext.Path) ? "userInfo" : "userInfo." + e.ErrorContext.Path;
        var existing = modelState.FirstOrDefault(p => p.Key == key);
        if (existing.Key == null) modelState.Add(key, new List<object> { e.ErrorContext.Error.Message });
        else ((List<object>)existing.Value).Add(e.ErrorContext.Error.Message);
        e.ErrorContext.Handled = true;
      };
      serializer.Deserialize(new NJ.JsonTextReader(new StringReader(body)), typeof(UserInfo));
      cases.Add(new Obj().Add("name", "required-" + n++).Add("body", body).Add("modelState", modelState));
    }
    Json.WriteFile(Path.Combine(outDir, "json-required.json"), new Obj()
      .Add("generator", "test/dotnet/generators/xml-negotiation (Mono " + XmlReading.MonoVersion() + ", Newtonsoft.Json " + typeof(NJ.JsonSerializer).Assembly.GetName().Version + ")")
      .Add("contract", "UserInfo").Add("parameter", "userInfo").Add("cases", cases));
    Console.WriteLine("error-bodies json-required: {0} cases", cases.Count);
  }
}

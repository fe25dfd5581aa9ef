using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Reflection;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace SessionGateway.Conformance {
  /// <summary>What a server-side formatter made of a request body: the bound value and the ModelState errors it logged.</summary>
  public sealed class ReadOutcome {
    public object Value;
    public readonly List<KeyValuePair<string, string>> Errors = new List<KeyValuePair<string, string>>();
  }

  /// <summary>
  /// The real .NET serializers, used the way .NET clients write bodies and read answers,
  /// and the way ASP.NET Web API 2's formatters read request bodies.
  /// </summary>
  public static class Wire {
    public static readonly Encoding Utf8 = new UTF8Encoding(false);

    // ---- what clients send -------------------------------------------------

    public static byte[] DcsWrite(object value) {
      var stream = new MemoryStream();
      new DataContractSerializer(value.GetType()).WriteObject(stream, value);
      return stream.ToArray();
    }

    /// <summary>DataContractJsonSerializer: dates as "\/Date(ms±hhmm)\/", the default of every WCF-era client.</summary>
    public static byte[] DcjsWrite(object value) {
      var stream = new MemoryStream();
      new DataContractJsonSerializer(value.GetType()).WriteObject(stream, value);
      return stream.ToArray();
    }

    public static string NewtonsoftWrite(object value, bool microsoftDates) {
      var settings = new JsonSerializerSettings();
      if (microsoftDates) settings.DateFormatHandling = DateFormatHandling.MicrosoftDateFormat;
      return JsonConvert.SerializeObject(value, settings);
    }

    /// <summary>Raw DEFLATE (RFC 1951), as DeflateStream writes it.</summary>
    public static byte[] Deflate(byte[] bytes) {
      var output = new MemoryStream();
      using (var deflate = new DeflateStream(output, CompressionMode.Compress, true)) deflate.Write(bytes, 0, bytes.Length);
      return output.ToArray();
    }

    public static byte[] Inflate(byte[] bytes) {
      var output = new MemoryStream();
      using (var inflate = new DeflateStream(new MemoryStream(bytes), CompressionMode.Decompress)) inflate.CopyTo(output);
      return output.ToArray();
    }

    // ---- how clients read answers -------------------------------------------

    public static T DcsRead<T>(byte[] body) {
      return (T)new DataContractSerializer(typeof(T)).ReadObject(new MemoryStream(body));
    }

    public static T NewtonsoftRead<T>(string body) {
      return JsonConvert.DeserializeObject<T>(body);
    }

    // ---- how Web API 2 read request bodies ----------------------------------

    /// <summary>
    /// JsonMediaTypeFormatter.ReadFromStream: Newtonsoft with Web API's settings
    /// (MissingMemberHandling.Ignore, TypeNameHandling.None); each error the serializer
    /// reports is logged under parameter + "." + its path and reading goes on.
    /// </summary>
    public static ReadOutcome WebApiReadJson(string text, Type type, string parameter) {
      var outcome = new ReadOutcome();
      var serializer = JsonSerializer.Create(new JsonSerializerSettings {
        MissingMemberHandling = MissingMemberHandling.Ignore,
        TypeNameHandling = TypeNameHandling.None,
        ContractResolver = new WebApiContractResolver(),
      });
      serializer.Error += (sender, e) => {
        outcome.Errors.Add(new KeyValuePair<string, string>(ModelStateKey(parameter, e.ErrorContext.Path), e.ErrorContext.Error.Message));
        e.ErrorContext.Handled = true;
      };
      try {
        using (var reader = new JsonTextReader(new StringReader(text))) outcome.Value = serializer.Deserialize(reader, type);
      } catch (Exception e) {
        outcome.Errors.Add(new KeyValuePair<string, string>(parameter, Unwrap(e).Message));
        outcome.Value = null;
      }
      return outcome;
    }

    /// <summary>
    /// XmlMediaTypeFormatter.ReadFromStream: DataContractSerializer over an XmlDictionaryReader;
    /// any exception is one error under the bare parameter name.
    /// </summary>
    public static ReadOutcome WebApiReadXml(byte[] body, Type type, string parameter) {
      var outcome = new ReadOutcome();
      try {
        using (var reader = XmlDictionaryReader.CreateTextReader(body, XmlDictionaryReaderQuotas.Max))
          outcome.Value = new DataContractSerializer(type).ReadObject(reader);
      } catch (Exception e) {
        outcome.Errors.Add(new KeyValuePair<string, string>(parameter, Unwrap(e).Message));
      }
      return outcome;
    }

    /// <summary>
    /// Web API's JsonContractResolver with the RequiredMemberSelector FormatterParameterBinding sets:
    /// a [DataMember(IsRequired = true)] member of a [DataContract] is Required.AllowNull (so a missing
    /// one is Newtonsoft's "Required property 'id' not found in JSON."), every other member is not
    /// required (a [JsonProperty] alone would drop DataMember's IsRequired in Newtonsoft itself).
    /// </summary>
    sealed class WebApiContractResolver : DefaultContractResolver {
      protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization) {
        JsonProperty property = base.CreateProperty(member, memberSerialization);
        var dataMember = (DataMemberAttribute)Attribute.GetCustomAttribute(member, typeof(DataMemberAttribute));
        bool required = dataMember != null && dataMember.IsRequired &&
          Attribute.IsDefined(member.DeclaringType, typeof(DataContractAttribute));
        if (required) {
          property.Required = Required.AllowNull;
          property.DefaultValueHandling = DefaultValueHandling.Include;
          property.NullValueHandling = NullValueHandling.Include;
        } else {
          property.Required = Required.Default;
        }
        return property;
      }
    }

    /// <summary>ModelBindingHelper.ConcatenateKeys.</summary>
    static string ModelStateKey(string prefix, string path) {
      if (string.IsNullOrEmpty(path)) return prefix;
      return path.StartsWith("[", StringComparison.Ordinal) ? prefix + path : prefix + "." + path;
    }

    /// <summary>Mono's DataContractSerializer wraps its errors in TargetInvocationException; .NET Framework does not.</summary>
    public static Exception Unwrap(Exception e) {
      while ((e is TargetInvocationException || e is AggregateException) && e.InnerException != null) e = e.InnerException;
      return e;
    }
  }
}

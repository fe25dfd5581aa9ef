// Decides, with the real serializers, how ASP.NET Web API 2 binds JSON request
// bodies of the legacy request contracts (Contracts.cs), and writes the outcomes
// as fixtures for the differential tests (test/dotnet/fixtures/json-reading).
//
// Reading follows System.Net.Http.Formatting's JsonMediaTypeFormatter (Web API 2,
// aspnetwebstack BaseJsonMediaTypeFormatter.ReadFromStream + JsonMediaTypeFormatter):
//  - Content-Length 0: default value, no error;
//  - the encoding is the real formatter's SelectCharacterEncoding(content headers)
//    (UTF-8 and UTF-16LE, both throwing on invalid bytes), read through a
//    StreamReader (byte order marks detected);
//  - new JsonTextReader { CloseInput = false, MaxDepth = 256 };
//  - JsonSerializer.Create(CreateDefaultSerializerSettings()): a DefaultContractResolver
//    with Web API's JsonContractResolver rules (below), MissingMemberHandling.Ignore,
//    TypeNameHandling.None, everything else Newtonsoft's default;
//  - serializer.Error: each error is logged into ModelState under its path and marked handled;
//    anything thrown past it is logged under the parameter name itself.
// Mono's own System.Net.Http.Formatting embeds a private, older copy of Json.NET,
// (its Newtonsoft types clash with the real ones, hence the WebApi extern alias),
// so the formatter is reproduced here on the Newtonsoft.Json 6 that Web API 2 shipped with.
extern alias WebApi;
using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
using IO.Swagger.Models;
using Model.Dto;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

/** The real formatter, for its supported encodings and charset selection. */
sealed class WebApiJsonFormatter : WebApi::System.Net.Http.Formatting.JsonMediaTypeFormatter {
  public Encoding EncodingFor(HttpContentHeaders headers) { return SelectCharacterEncoding(headers); }
}

/**
 * Web API's JsonContractResolver: IgnoreSerializableAttribute, and the formatter's
 * RequiredMemberSelector (ModelValidationRequiredMemberSelector): a member model
 * validation calls required ([DataMember(IsRequired = true)] on a [DataContract],
 * through DataMemberModelValidatorProvider) is Required.AllowNull, every other Default.
 */
sealed class WebApiContractResolver : DefaultContractResolver {
  public WebApiContractResolver() { IgnoreSerializableAttribute = true; }

  protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization) {
    JsonProperty property = base.CreateProperty(member, memberSerialization);
    if (IsRequiredMember(member)) {
      property.Required = Required.AllowNull;
      property.DefaultValueHandling = DefaultValueHandling.Include;
      property.NullValueHandling = NullValueHandling.Include;
    } else {
      property.Required = Required.Default;
    }
    return property;
  }

  static bool IsRequiredMember(MemberInfo member) {
    if (member.DeclaringType.GetCustomAttributes(typeof(DataContractAttribute), false).Length == 0) return false;
    var dataMember = (DataMemberAttribute)Attribute.GetCustomAttribute(member, typeof(DataMemberAttribute));
    return dataMember != null && dataMember.IsRequired;
  }
}

public static class JsonReadingFixtures {
  sealed class Case {
    public string Id, Area, Contract, ContentType = "application/json; charset=utf-8", Note;
    public byte[] Body;
  }

  static readonly List<Case> Cases = new List<Case>();

  static void Text(string area, string id, string contract, string body, string note = null, string contentType = null) {
    Cases.Add(new Case { Area = area, Id = id, Contract = contract, Body = new UTF8Encoding(false).GetBytes(body), Note = note, ContentType = contentType ?? "application/json; charset=utf-8" });
  }

  static void Bytes(string area, string id, string contract, byte[] body, string contentType, string note = null) {
    Cases.Add(new Case { Area = area, Id = id, Contract = contract, Body = body, ContentType = contentType, Note = note });
  }

  const string U = "UsuarioDto";
  const string I = "UserInfo";
  const string Guid1 = "0f8fad5b-d9cb-469f-a165-70867728950e";

  static string UserInfoWith(string member) {
    return "{\"id\":\"" + Guid1 + "\",\"deleted\":false,\"state_id\":1," + member + "}";
  }

  static void HandWritten() {
    // Newtonsoft 6 JsonTextReader leniency
    Text("syntax", "baseline", U, "{\"Id\":1,\"Username\":\"bob\"}");
    Text("syntax", "comments", U, "/*a*/{/*b*/\"Id\":1 // c\n,\"Username\":/*d*/\"bob\"}//e");
    Text("syntax", "single-quotes", U, "{'Id':1,'Username':'bob'}");
    Text("syntax", "single-quote-escaped", U, "{'Username':'it\\'s \"x\"'}");
    Text("syntax", "unquoted-names", U, "{Id:1,Username:\"bob\",$x:1,_y:2}");
    Text("syntax", "trailing-comma-object", U, "{\"Id\":1,\"Username\":\"bob\",}");
    Text("syntax", "trailing-comma-array", U, "{\"IdIssuerBranches\":[1,2,],\"Id\":1}");
    Text("syntax", "double-comma", U, "{\"Id\":1,,\"Username\":\"bob\"}");
    Text("syntax", "missing-comma", U, "{\"Id\":1 \"Username\":\"bob\"}");
    Text("syntax", "missing-colon", U, "{\"Id\" 1}");
    Text("syntax", "content-after-root", U, "{\"Id\":1} trailing words");
    Text("syntax", "second-root", U, "{\"Id\":1}{\"Id\":2}");
    Text("syntax", "stray-bracket-after-root", U, "{\"Id\":1}]");
    Text("syntax", "unterminated-object", U, "{\"Id\":1");
    Text("syntax", "unterminated-string", U, "{\"Username\":\"bob");
    Text("syntax", "open-brace-only", U, "{");
    Text("syntax", "whitespace-only", U, "   ");
    Text("syntax", "root-null", U, "null");
    Text("syntax", "root-array", U, "[]");
    Text("syntax", "root-string", U, "\"text\"");
    Text("syntax", "root-number", U, "42");
    Text("syntax", "duplicate-member", U, "{\"Id\":1,\"Id\":2}");
    Text("syntax", "case-insensitive-names", U, "{\"id\":5,\"USERNAME\":\"x\",\"idissuerbranches\":[3]}");
    Text("syntax", "unknown-members", U, "{\"Nope\":{\"a\":[1,{\"b\":null}]},\"Id\":3}");
    Text("syntax", "bad-escape", U, "{\"Username\":\"\\x41\"}");
    Text("syntax", "unicode-escape", U, "{\"Username\":\"\\u00e9\\u20AC\"}");
    Text("syntax", "raw-newline-in-string", U, "{\"Username\":\"a\nb\"}");
    Text("syntax", "raw-tab-in-string", U, "{\"Username\":\"a\tb\"}");
    Text("syntax", "literal-typo", U, "{\"Active\":tru}");
    Text("syntax", "literal-capital", U, "{\"Active\":True}");
    Text("syntax", "nan", U, "{\"Id\":NaN}");
    Text("syntax", "infinity", U, "{\"Id\":Infinity}");
    Text("syntax", "undefined", U, "{\"Id\":undefined}");
    Text("syntax", "undefined-nullable", U, "{\"IdGrupo\":undefined}");
    Text("syntax", "new-constructor", U, "{\"Username\":new Date(1)}");
    Text("syntax", "unclosed-comment", U, "{\"Id\":1}/*");
    Text("syntax", "slash-not-comment", U, "{\"Id\":1/}");
    Text("syntax", "array-for-object-member", I, UserInfoWith("\"view_info\":[]"));
    Text("syntax", "string-for-object-member", I, UserInfoWith("\"view_info\":\"x\""));
    Text("syntax", "nested-object", I, UserInfoWith("\"view_info\":{\"id\":\"" + Guid1 + "\",\"show_date_of_in_request\":true}"));
    Text("syntax", "full-name-ignored", I, UserInfoWith("\"full_name\":\"X Y\",\"first_name\":\"A\""));

    // numbers
    Text("numbers", "hex", U, "{\"Id\":0x1F}");
    Text("numbers", "hex-upper", U, "{\"Id\":0X1f}");
    Text("numbers", "octal", U, "{\"Id\":010}");
    Text("numbers", "negative-zero", U, "{\"Id\":-0}");
    Text("numbers", "negative-zero-string", U, "{\"Id\":\"-0\"}");
    Text("numbers", "string-int", U, "{\"Id\":\"42\",\"IdUser\":\"7\"}");
    Text("numbers", "string-int-spaces", U, "{\"Id\":\" 42 \"}");
    Text("numbers", "string-int-plus", U, "{\"Id\":\"+42\"}");
    Text("numbers", "string-hex", U, "{\"Id\":\"0x1F\"}");
    Text("numbers", "string-int-abc", U, "{\"Id\":\"abc\"}");
    Text("numbers", "string-float", U, "{\"Id\":\"1.0\"}");
    Text("numbers", "float-whole", U, "{\"Id\":1.0}");
    Text("numbers", "float", U, "{\"Id\":1.5}");
    Text("numbers", "exponent", U, "{\"Id\":1e2}");
    Text("numbers", "int-overflow", U, "{\"Id\":2147483648}");
    Text("numbers", "int-min", U, "{\"Id\":-2147483648}");
    Text("numbers", "int-huge", U, "{\"Id\":123456789012345678901234567890}");
    Text("numbers", "bool-for-int", U, "{\"Id\":true}");
    Text("numbers", "null-for-int", U, "{\"Id\":null}");
    Text("numbers", "empty-for-int", U, "{\"Id\":\"\"}");
    Text("numbers", "empty-for-nullable-int", U, "{\"FailedLoginAttempts\":\"\",\"IdGrupo\":\"\"}");
    Text("numbers", "null-for-nullable-int", U, "{\"IdGrupo\":null}");
    Text("numbers", "string-for-nullable-int", U, "{\"IdGrupo\":\"12\"}");
    Text("numbers", "float-for-nullable-int", U, "{\"IdGrupo\":1.5}");
    Text("numbers", "object-for-int", U, "{\"Id\":{}}");
    Text("numbers", "array-for-int", U, "{\"Id\":[1]}");
    Text("numbers", "list-mixed", U, "{\"IdIssuerBranches\":[1,\"2\",0x3]}");
    Text("numbers", "list-null-item", U, "{\"IdIssuerBranches\":[1,null]}");
    Text("numbers", "list-float-item", U, "{\"IdIssuerBranches\":[1,2.5]}");
    Text("numbers", "list-scalar", U, "{\"IdIssuerBranches\":1}");
    Text("numbers", "list-object", U, "{\"IdIssuerBranches\":{}}");
    Text("numbers", "list-null", U, "{\"IdIssuerBranches\":null}");
    Text("numbers", "state-id-string", I, "{\"id\":\"" + Guid1 + "\",\"deleted\":false,\"state_id\":\"7\"}");
    Text("numbers", "state-id-float", I, "{\"id\":\"" + Guid1 + "\",\"deleted\":false,\"state_id\":7.5}");

    // booleans and strings
    Text("scalars", "bool-string-true", U, "{\"Active\":\"true\",\"Blocked\":\"False\"}");
    Text("scalars", "bool-string-TRUE", U, "{\"Active\":\"TRUE\"}");
    Text("scalars", "bool-string-1", U, "{\"Active\":\"1\"}");
    Text("scalars", "bool-string-yes", U, "{\"Active\":\"yes\"}");
    Text("scalars", "bool-number-1", U, "{\"Active\":1,\"Blocked\":0}");
    Text("scalars", "bool-number-2", U, "{\"Active\":2}");
    Text("scalars", "bool-empty", U, "{\"Active\":\"\"}");
    Text("scalars", "bool-float", U, "{\"Active\":1.5}");
    Text("scalars", "deleted-string", I, "{\"id\":\"" + Guid1 + "\",\"deleted\":\"true\",\"state_id\":1}");
    Text("scalars", "deleted-empty", I, "{\"id\":\"" + Guid1 + "\",\"deleted\":\"\",\"state_id\":1}");
    Text("scalars", "deleted-number", I, "{\"id\":\"" + Guid1 + "\",\"deleted\":0,\"state_id\":1}");
    Text("scalars", "bool-string-spaces", U, "{\"Active\":\" true \"}");
    Text("scalars", "guid-spaces", I, "{\"id\":\" " + Guid1 + " \",\"deleted\":false,\"state_id\":1}");
    Text("scalars", "guid-upper", I, "{\"id\":\"" + Guid1.ToUpperInvariant() + "\",\"deleted\":false,\"state_id\":1}");
    Text("scalars", "string-from-big-float", U, "{\"Username\":1.5e300,\"Mail\":-0.0,\"Password\":100000000000000000000,\"FirstName\":0.1}");
    Text("scalars", "deleted-null", I, "{\"id\":\"" + Guid1 + "\",\"deleted\":null,\"state_id\":1}");
    Text("scalars", "string-from-number", U, "{\"Username\":123}");
    Text("scalars", "string-from-float", U, "{\"Username\":1.50}");
    Text("scalars", "string-from-bool", U, "{\"Username\":true}");
    Text("scalars", "string-from-hex", U, "{\"Username\":0x10}");
    Text("scalars", "string-from-object", U, "{\"Username\":{\"a\":1}}");
    Text("scalars", "string-from-array", U, "{\"Username\":[1]}");
    Text("scalars", "string-empty", U, "{\"Username\":\"\"}");
    Text("scalars", "string-date-like", U, "{\"Username\":\"2026-01-13T05:55:51.302-06:00\"}");
    Text("scalars", "string-msdate-like", U, "{\"Username\":\"\\/Date(1768305351302-0600)\\/\"}");
    Text("scalars", "guid-forms", I, "{\"id\":\"{0F8FAD5B-D9CB-469F-A165-70867728950E}\",\"deleted\":false,\"state_id\":1,\"id_role\":\"0f8fad5bd9cb469fa16570867728950e\",\"image_id\":\"(0f8fad5b-d9cb-469f-a165-70867728950e)\"}");
    Text("scalars", "guid-bad", I, "{\"id\":\"abc\",\"deleted\":false,\"state_id\":1}");
    Text("scalars", "guid-number", I, "{\"id\":123,\"deleted\":false,\"state_id\":1}");
    Text("scalars", "guid-empty-nullable", I, UserInfoWith("\"id_role\":\"\""));
    Text("scalars", "guid-empty-required", I, "{\"id\":\"\",\"deleted\":false,\"state_id\":1}");
    Text("scalars", "missing-required", I, "{}");
    Text("scalars", "missing-one-required", I, "{\"id\":\"" + Guid1 + "\",\"deleted\":false}");
    Text("scalars", "required-null", I, "{\"id\":null,\"deleted\":false,\"state_id\":1}");
    Text("scalars", "nullable-bools-empty", I, UserInfoWith("\"is_admin\":\"\",\"agreement\":null"));

    // dates as text (DateTime members through the reader; birthdate through UtcSecondsConverter)
    string[] dateTexts = {
      "\\/Date(1768305351302-0600)\\/", "/Date(1768305351302)/", "\\/Date(1768305351302+0530)\\/",
      "\\/Date(-62135596800000)\\/", "\\/Date(253402300799999)\\/", "\\/Date(1768305351302-06)\\/", "\\/Date(abc)\\/",
      "\\/Date(99999999999999999)\\/",
      "2026-01-13T05:55:51.302-06:00", "2026-01-13T05:55:51", "2026-01-13T05:55:51Z", "2026-01-13t05:55:51z",
      "2026-01-13T05:55:51.1234567Z", "2026-01-13T05:55:51.12345678Z", "2026-01-13T05:55:51.99999999Z",
      "2026-01-13T05:55:51.123456789012Z", "2026-01-13T05:55:51-06", "2026-01-13T05:55:51-0600",
      "2026-01-13T05:55:51+14:00", "2026-01-13T05:55:51+15:00", "2026-01-13T05:55:51 -06:00",
      "2026-01-13", "2026-01-13 05:55:51", "2026-01-13T05:55", "2026-01-13T24:00:00", "20260113T055551Z",
      "1/13/2026 5:55:51 AM", "1/13/2026 17:55", "01/13/2026", "13/01/2026", "Jan 13, 2026", "13 January 2026 10:00",
      "Tue, 13 Jan 2026 11:55:51 GMT", "Tue, 13 Jan 2026 11:55:51 +0100",
      "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "yesterday", "",
      "0001-01-01T00:00:00-06:00", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59.9999999-01:00",
      "9999-12-31T23:59:59.9999999Z", "1900-01-01T00:00:00-06:36", "1900-01-01T00:00:00-06:36:36",
    };
    for (int i = 0; i < dateTexts.Length; i++) {
      string d = dateTexts[i];
      Text("dates", "creation-" + i, U, "{\"CreationDate\":\"" + d + "\"}", d);
      Text("dates", "last-login-" + i, U, "{\"LastSuccessLogin\":\"" + d + "\"}", d);
      Text("dates", "birthdate-" + i, I, UserInfoWith("\"birthdate\":\"" + d + "\""), d);
    }
    string[] dateTokens = { "null", "1768305351302", "true", "{}", "new Date(1768305351302)" };
    for (int i = 0; i < dateTokens.Length; i++) {
      string d = dateTokens[i];
      Text("dates", "creation-token-" + i, U, "{\"CreationDate\":" + d + "}", d);
      Text("dates", "last-login-token-" + i, U, "{\"LastSuccessLogin\":" + d + "}", d);
      Text("dates", "birthdate-token-" + i, I, UserInfoWith("\"birthdate\":" + d), d);
    }
    Text("dates", "single-quoted-msdate", U, "{'CreationDate':'\\/Date(1768305351302-0600)\\/'}");

    // bytes and charsets
    byte[] ascii = Encoding.ASCII.GetBytes("{\"Id\":1,\"Username\":\"bob\"}");
    byte[] latin = Encoding.GetEncoding("iso-8859-1").GetBytes("{\"Id\":1,\"Username\":\"Jos\u00e9\"}");
    byte[] utf8 = new UTF8Encoding(false).GetBytes("{\"Id\":1,\"Username\":\"Jos\u00e9 \u20ac \ud83d\ude00\"}");
    byte[] utf16 = new UnicodeEncoding(false, false).GetBytes("{\"Id\":1,\"Username\":\"Jos\u00e9\"}");
    byte[] utf16be = new UnicodeEncoding(true, false).GetBytes("{\"Id\":1,\"Username\":\"Jos\u00e9\"}");
    Func<byte[], byte[], byte[]> cat = (a, b) => a.Concat(b).ToArray();
    Bytes("encoding", "utf8", U, utf8, "application/json; charset=utf-8");
    Bytes("encoding", "utf8-no-charset", U, utf8, "application/json");
    Bytes("encoding", "utf8-upper-charset", U, utf8, "application/json; charset=UTF-8");
    Bytes("encoding", "utf8-quoted-charset", U, utf8, "application/json; charset=\"utf-8\"");
    Bytes("encoding", "utf8-bom", U, cat(new byte[] { 0xEF, 0xBB, 0xBF }, utf8), "application/json; charset=utf-8");
    Bytes("encoding", "utf16-bom", U, cat(new byte[] { 0xFF, 0xFE }, utf16), "application/json; charset=utf-16");
    Bytes("encoding", "utf16-no-bom", U, utf16, "application/json; charset=utf-16");
    Bytes("encoding", "utf16-bom-declared-utf8", U, cat(new byte[] { 0xFF, 0xFE }, utf16), "application/json; charset=utf-8");
    Bytes("encoding", "utf16be-bom", U, cat(new byte[] { 0xFE, 0xFF }, utf16be), "application/json");
    Bytes("encoding", "utf16-no-bom-no-charset", U, utf16, "application/json");
    Bytes("encoding", "latin1-ascii-only", U, ascii, "application/json; charset=iso-8859-1");
    Bytes("encoding", "latin1-accented", U, latin, "application/json; charset=iso-8859-1");
    Bytes("encoding", "windows-1252-accented", U, latin, "application/json; charset=windows-1252");
    Bytes("encoding", "unknown-charset", U, ascii, "application/json; charset=klingon");
    Bytes("encoding", "utf32-charset", U, ascii, "application/json; charset=utf-32");
    Bytes("encoding", "invalid-utf8-in-string", U, cat(Encoding.ASCII.GetBytes("{\"Id\":1,\"Username\":\"a"), new byte[] { 0xFF, 0x22, 0x7D }), "application/json; charset=utf-8");
    Bytes("encoding", "overlong-utf8", U, cat(Encoding.ASCII.GetBytes("{\"Username\":\""), new byte[] { 0xC0, 0xAF, 0x22, 0x7D }), "application/json");
    Bytes("encoding", "truncated-utf8", U, cat(Encoding.ASCII.GetBytes("{\"Username\":\"a"), new byte[] { 0xE2, 0x82, 0x22, 0x7D }), "application/json");
    Bytes("encoding", "utf8-surrogate-bytes", U, cat(Encoding.ASCII.GetBytes("{\"Username\":\"a"), new byte[] { 0xED, 0xA0, 0x80, 0x22, 0x7D }), "application/json");
    Bytes("encoding", "text-json", U, ascii, "text/json; charset=utf-8");
  }

  // ---- random values, serialized by the real serializers ----

  static string RandomText(Random r) {
    if (r.Next(8) == 0) return null;
    const string pool = "abcXYZ019 _-.@\"\\/'<>&\u00e9\u00f1\u20ac\u4e2d\u00a0\u2028\t\n\r\u0001\u007f";
    var sb = new StringBuilder();
    int n = r.Next(0, 12);
    for (int i = 0; i < n; i++) sb.Append(pool[r.Next(pool.Length)]);
    if (r.Next(10) == 0) sb.Append("\ud83d\ude00");
    return sb.ToString();
  }

  static DateTime RandomDate(Random r) {
    long min = new DateTime(1890, 1, 1).Ticks, max = new DateTime(2100, 1, 1).Ticks;
    long ticks = min + (long)(r.NextDouble() * (max - min));
    switch (r.Next(4)) {
      case 0: ticks -= ticks % TimeSpan.TicksPerSecond; break;
      case 1: ticks -= ticks % TimeSpan.TicksPerMillisecond; break;
    }
    var kind = (DateTimeKind)r.Next(3);
    return new DateTime(ticks, kind);
  }

  static DateTime? MaybeDate(Random r) { return r.Next(4) == 0 ? (DateTime?)null : RandomDate(r); }
  static bool? MaybeBool(Random r) { int k = r.Next(3); return k == 0 ? (bool?)null : k == 1; }
  static Guid? MaybeGuid(Random r) { return r.Next(3) == 0 ? (Guid?)null : NewGuid(r); }
  static Guid NewGuid(Random r) { var b = new byte[16]; r.NextBytes(b); return new Guid(b); }

  static object RandomInstance(string contract, Random r) {
    if (contract == U) {
      return new UsuarioDto {
        Id = r.Next(-5, int.MaxValue), Username = RandomText(r), Mail = RandomText(r), PasswordSalt = RandomText(r),
        Password = RandomText(r), FirstName = RandomText(r), LastName = RandomText(r), CreationDate = RandomDate(r),
        LastSuccessLogin = MaybeDate(r), Active = MaybeBool(r), Blocked = MaybeBool(r),
        FailedLoginAttempts = r.Next(3) == 0 ? (int?)null : r.Next(int.MinValue, int.MaxValue), IdRole = r.Next(0, 5),
        DisabledDate = MaybeDate(r), BlockedDate = MaybeDate(r), PasswordTemp = RandomText(r), PasswordTempSalt = RandomText(r),
        Email = RandomText(r), IdUser = r.Next(0, 100000), Aliases = RandomText(r), ColorSettings = RandomText(r),
        IdIssuerBranchComma = RandomText(r),
        IdIssuerBranches = r.Next(3) == 0 ? null : Enumerable.Range(0, r.Next(0, 4)).Select(_ => r.Next(int.MinValue, int.MaxValue)).ToList(),
        IdGrupo = r.Next(3) == 0 ? (int?)null : r.Next(0, 1000),
      };
    }
    return new UserInfo {
      Id = NewGuid(r), IsDelegated = MaybeBool(r), Agreement = MaybeBool(r),
      ViewInfo = r.Next(3) == 0 ? null : new ViewInfo { Id = MaybeGuid(r), ShowDateOfInRequest = MaybeBool(r) },
      IdRole = MaybeGuid(r), IsEditor = MaybeBool(r), FirstName = RandomText(r), LastName = RandomText(r),
      IsManager = MaybeBool(r), IsHr = MaybeBool(r), IsAdmin = MaybeBool(r), ImageId = MaybeGuid(r),
      Email = RandomText(r), Phone = RandomText(r), WebPopupIds = RandomText(r), Birthdate = MaybeDate(r),
      Deleted = r.Next(2) == 0, StateId = r.Next(int.MinValue, int.MaxValue),
    };
  }

  static Type TypeOf(string contract) { return contract == U ? typeof(UsuarioDto) : typeof(UserInfo); }

  static void Serialized(string zoneTag, int seed, int perContract) {
    var r = new Random(seed);
    foreach (string contract in new[] { U, I }) {
      for (int i = 0; i < perContract; i++) {
        object value = RandomInstance(contract, r);
        string id = zoneTag + "-" + contract + "-" + i;
        Text("serialized-newtonsoft", id, contract, JsonConvert.SerializeObject(value));
        Text("serialized-newtonsoft-msdate", id, contract,
          JsonConvert.SerializeObject(value, new JsonSerializerSettings { DateFormatHandling = DateFormatHandling.MicrosoftDateFormat }));
        var dcjs = new DataContractJsonSerializer(TypeOf(contract));
        using (var ms = new MemoryStream()) {
          dcjs.WriteObject(ms, value);
          Bytes("serialized-dcjs", id, contract, ms.ToArray(), "application/json; charset=utf-8");
        }
      }
    }
  }

  // ---- reading as Web API 2 does ----

  sealed class Logged { public string Path, Message, Exception; }

  static object Read(Case c, List<Logged> log) {
    var content = new ByteArrayContent(c.Body);
    content.Headers.ContentType = MediaTypeHeaderValue.Parse(c.ContentType);
    content.Headers.ContentLength = c.Body.Length;
    Type type = TypeOf(c.Contract);
    if (c.Body.Length == 0) return null;
    var formatter = new WebApiJsonFormatter();
    try {
      Encoding encoding = formatter.EncodingFor(content.Headers);
      using (var reader = new JsonTextReader(new StreamReader(new MemoryStream(c.Body), encoding))) {
        reader.CloseInput = false;
        reader.MaxDepth = 256;
        var settings = new JsonSerializerSettings {
          ContractResolver = new WebApiContractResolver(),
          MissingMemberHandling = MissingMemberHandling.Ignore,
          TypeNameHandling = TypeNameHandling.None,
        };
        JsonSerializer serializer = JsonSerializer.Create(settings);
        serializer.Error += (sender, e) => {
          Exception ex = e.ErrorContext.Error;
          log.Add(new Logged { Path = e.ErrorContext.Path, Message = ex.Message, Exception = ex.GetType().FullName });
          e.ErrorContext.Handled = true;
        };
        return serializer.Deserialize(reader, type);
      }
    } catch (Exception e) {
      log.Add(new Logged { Path = "", Message = e.Message, Exception = e.GetType().FullName });
      return null;
    }
  }

  static void WriteValue(JsonWriter w, object v) {
    if (v == null) { w.WriteNull(); return; }
    if (v is DateTime) {
      var d = (DateTime)v;
      long utcTicks = d.Kind == DateTimeKind.Local ? d.ToUniversalTime().Ticks : d.Ticks;
      w.WriteStartObject();
      w.WritePropertyName("ticks"); w.WriteValue(d.Ticks.ToString(CultureInfo.InvariantCulture));
      w.WritePropertyName("kind"); w.WriteValue(d.Kind.ToString());
      w.WritePropertyName("utcTicks"); w.WriteValue(utcTicks.ToString(CultureInfo.InvariantCulture));
      w.WriteEndObject();
      return;
    }
    if (v is Guid) { w.WriteValue(((Guid)v).ToString("D")); return; }
    if (v is string || v is bool || v is int || v is long) { w.WriteValue(v); return; }
    if (v is IList) {
      w.WriteStartArray();
      foreach (object item in (IList)v) WriteValue(w, item);
      w.WriteEndArray();
      return;
    }
    w.WriteStartObject();
    foreach (PropertyInfo p in v.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)) {
      if (!p.CanWrite || p.Name == "FullName") continue;
      w.WritePropertyName(p.Name);
      WriteValue(w, p.GetValue(v, null));
    }
    w.WriteEndObject();
  }

  static bool IsUtf8(byte[] bytes) {
    try { new UTF8Encoding(false, true).GetString(bytes); return true; } catch (ArgumentException) { return false; }
  }

  /** String.GetHashCode is randomized on some runtimes; the fixtures must not be. */
  static int StableSeed(string text) {
    int seed = 17;
    foreach (char ch in text) seed = unchecked(seed * 31 + ch);
    return seed & 0xffff;
  }

  public static int Main(string[] args) {
    string outPath = args[0];
    string zoneTag = args[1];
    bool handWritten = args.Length > 2 && args[2] == "hand-written";
    if (handWritten) HandWritten();
    Serialized(zoneTag, StableSeed(zoneTag), 12);

    var sw = new StringWriter(CultureInfo.InvariantCulture);
    using (var w = new JsonTextWriter(sw) { Formatting = Formatting.Indented }) {
      w.WriteStartObject();
      w.WritePropertyName("generator"); w.WriteValue("test/dotnet/generators/json-reading/JsonReadingFixtures.cs");
      w.WritePropertyName("newtonsoft"); w.WriteValue(typeof(JsonConvert).Assembly.FullName);
      w.WritePropertyName("timeZone"); w.WriteValue(TimeZoneInfo.Local.Id);
      w.WritePropertyName("cases");
      w.WriteStartArray();
      foreach (Case c in Cases) {
        var log = new List<Logged>();
        object value = Read(c, log);
        w.WriteStartObject();
        w.WritePropertyName("area"); w.WriteValue(c.Area);
        w.WritePropertyName("id"); w.WriteValue(c.Area + "/" + c.Id);
        w.WritePropertyName("contract"); w.WriteValue(c.Contract);
        if (c.Note != null) { w.WritePropertyName("note"); w.WriteValue(c.Note); }
        w.WritePropertyName("contentType"); w.WriteValue(c.ContentType);
        if (IsUtf8(c.Body)) { w.WritePropertyName("body"); w.WriteValue(new UTF8Encoding(false).GetString(c.Body)); }
        else { w.WritePropertyName("bodyBase64"); w.WriteValue(Convert.ToBase64String(c.Body)); }
        w.WritePropertyName("accepted"); w.WriteValue(log.Count == 0);
        w.WritePropertyName("errors");
        w.WriteStartArray();
        foreach (Logged l in log) {
          w.WriteStartObject();
          w.WritePropertyName("path"); w.WriteValue(l.Path);
          w.WritePropertyName("message"); w.WriteValue(l.Message);
          w.WritePropertyName("exception"); w.WriteValue(l.Exception);
          w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("value");
        WriteValue(w, value);
        w.WriteEndObject();
      }
      w.WriteEndArray();
      w.WriteEndObject();
    }
    File.WriteAllText(outPath, sw.ToString() + "\n", new UTF8Encoding(false));
    Console.WriteLine(outPath + ": " + Cases.Count + " cases");
    return 0;
  }
}

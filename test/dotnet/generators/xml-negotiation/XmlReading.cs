// XML request bodies as DataContractSerializer writes them for each legacy
// request contract, plus reordered / duplicated / foreign-item variants; the
// outcome of each is what DataContractSerializer.ReadObject decides.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using IO.Swagger.Models;
using Model.Dto;

static class XmlReading {
  const string ArraysNs = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
  const string XsiNs = "http://www.w3.org/2001/XMLSchema-instance";

  public static void Generate(string outDir, string zone, int seed) {
    var random = new Random(seed);
    Write<UsuarioDto>(Path.Combine(outDir, "UsuarioDto-" + Slug(zone) + ".json"), "usuario", zone, random, RandomUsuario);
    Write<UserInfo>(Path.Combine(outDir, "UserInfo-" + Slug(zone) + ".json"), "userInfo", zone, random, RandomUserInfo);
  }

  static string Slug(string zone) { return zone.Replace('/', '_'); }

  static void Write<T>(string path, string parameter, string zone, Random random, Func<Random, T> make) {
    var cases = new List<Obj>();
    for (int i = 0; i < 12; i++) {
      string body = Serialize(make(random), random.Next(4) == 0);
      cases.Add(Case<T>("dcs-written-" + i, body));
      foreach (var variant in Variants(body, random, typeof(T) == typeof(UsuarioDto)))
        cases.Add(Case<T>(variant.Key + "-" + i, variant.Value));
    }
    foreach (var hand in HandCases<T>()) cases.Add(Case<T>(hand.Key, hand.Value));
    Json.WriteFile(path, new Obj()
      .Add("generator", "test/dotnet/generators/xml-negotiation (Mono " + MonoVersion() + ", System.Runtime.Serialization DataContractSerializer)")
      .Add("contract", typeof(T).Name)
      .Add("parameter", parameter)
      .Add("timeZone", zone)
      .Add("cases", cases));
    Console.WriteLine("xml-reading {0} {1}: {2} cases", typeof(T).Name, zone, cases.Count);
  }

  public static string MonoVersion() {
    var t = Type.GetType("Mono.Runtime");
    var m = t == null ? null : t.GetMethod("GetDisplayName", BindingFlags.NonPublic | BindingFlags.Static);
    return m == null ? "?" : (string)m.Invoke(null, null);
  }

  static string Serialize(object value, bool declaration) {
    var dcs = new DataContractSerializer(value.GetType());
    var sb = new StringBuilder();
    var settings = new XmlWriterSettings { OmitXmlDeclaration = !declaration, Encoding = new UTF8Encoding(false) };
    using (var w = XmlWriter.Create(sb, settings)) dcs.WriteObject(w, value);
    return declaration ? sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"") : sb.ToString();
  }

  static Obj Case<T>(string name, string body) {
    var o = new Obj().Add("name", name).Add("body", body);
    try {
      var dcs = new DataContractSerializer(typeof(T));
      using (var r = XmlDictionaryReader.CreateTextReader(Encoding.UTF8.GetBytes(body), XmlDictionaryReaderQuotas.Max)) {
        object value = dcs.ReadObject(r);
        o.Add("outcome", "bound").Add("values", Canonical.Of(value));
      }
    } catch (Exception e) {
      // Mono reads through reflection and wraps conversion failures in TargetInvocationException;
      // .NET Framework's ReadObjectHandleExceptions turns an XmlException or FormatException into
      // SerializationException("There was an error deserializing the object of type T. ...").
      bool wrapped = e is TargetInvocationException;
      while (e is TargetInvocationException && e.InnerException != null) e = e.InnerException;
      if (wrapped && (e is XmlException || e is FormatException))
        o.Add("outcome", "error").Add("exception", typeof(SerializationException).FullName)
          .Add("message", "There was an error deserializing the object of type " + typeof(T).FullName + ". " + e.Message);
      else
        o.Add("outcome", "error").Add("exception", e.GetType().FullName).Add("message", e.Message);
    }
    return o;
  }

  /** Rearrangements of a DCS-written body (children of the root, and of IdIssuerBranches). */
  static IEnumerable<KeyValuePair<string, string>> Variants(string body, Random random, bool usuario) {
    var doc = XDocument.Parse(body);
    Func<Action<XElement>, string> edit = change => {
      var copy = new XDocument(doc);
      change(copy.Root);
      return copy.Root.ToString(SaveOptions.DisableFormatting);
    };
    yield return Pair("shuffled", edit(root => { var kids = root.Elements().ToList(); root.RemoveNodes(); root.Add(kids.OrderBy(_ => random.Next())); }));
    yield return Pair("reversed", edit(root => { var kids = root.Elements().ToList(); kids.Reverse(); root.RemoveNodes(); root.Add(kids); }));
    yield return Pair("swap-adjacent", edit(root => {
      var kids = root.Elements().ToList(); int k = random.Next(kids.Count - 1);
      var tmp = kids[k]; kids[k] = kids[k + 1]; kids[k + 1] = tmp; root.RemoveNodes(); root.Add(kids);
    }));
    yield return Pair("move-last-first", edit(root => { var last = root.Elements().Last(); last.Remove(); root.AddFirst(last); }));
    yield return Pair("duplicate-later", edit(root => {
      var kids = root.Elements().ToList(); var pick = kids[random.Next(kids.Count)];
      var copy = new XElement(pick); if (!copy.HasElements && copy.Attribute(XName.Get("nil", XsiNs)) == null) copy.Value = copy.Value + "1";
      kids[kids.Count - 1].AddAfterSelf(copy);
    }));
    yield return Pair("duplicate-adjacent", edit(root => {
      var kids = root.Elements().ToList(); var pick = kids[random.Next(kids.Count)]; pick.AddAfterSelf(new XElement(pick));
    }));
    yield return Pair("unknown-element", edit(root => {
      var kids = root.Elements().ToList(); kids[random.Next(kids.Count)].AddBeforeSelf(new XElement(root.Name.Namespace + "Zzz", "1"));
    }));
    yield return Pair("foreign-namespace-member", edit(root => {
      var kids = root.Elements().ToList(); var pick = kids[random.Next(kids.Count)];
      pick.AddAfterSelf(new XElement(XName.Get(pick.Name.LocalName, "urn:other"), "7"));
    }));
    yield return Pair("drop-one", edit(root => { var kids = root.Elements().ToList(); kids[random.Next(kids.Count)].Remove(); }));
    yield return Pair("prefixed-namespace", edit(root => {
      var ns = root.Name.Namespace;
      root.Add(new XAttribute(XNamespace.Xmlns + "q", ns.NamespaceName));
    }));
    if (usuario) {
      var arrays = XNamespace.Get(ArraysNs);
      yield return Pair("foreign-items", edit(root => {
        var list = root.Element(root.Name.Namespace + "IdIssuerBranches");
        list.RemoveAttributes(); list.RemoveNodes();
        list.Add(new XAttribute(XNamespace.Xmlns + "d2p1", ArraysNs));
        list.Add(new XElement(arrays + "int", random.Next(1000)), new XElement(arrays + "long", random.Next(1000)),
          new XElement(arrays + "string", "x"), new XElement(arrays + "int", random.Next(1000)),
          new XElement(root.Name.Namespace + "int", "5"));
      }));
    }
  }

  static KeyValuePair<string, string> Pair(string a, string b) { return new KeyValuePair<string, string>(a, b); }

  const string UsuarioNs = "http://schemas.datacontract.org/2004/07/Model.Dto";
  const string UserInfoNs = "http://schemas.datacontract.org/2004/07/IO.Swagger.Models";

  static IEnumerable<KeyValuePair<string, string>> HandCases<T>() {
    if (typeof(T) == typeof(UsuarioDto)) {
      Func<string, string> u = inner => "<UsuarioDto xmlns=\"" + UsuarioNs + "\" xmlns:i=\"" + XsiNs + "\">" + inner + "</UsuarioDto>";
      yield return Pair("issue-username-before-id", u("<Username>bob</Username><Id>42</Id>"));
      yield return Pair("id-before-username", u("<Id>42</Id><Username>bob</Username>"));
      yield return Pair("id-twice", u("<Id>42</Id><Id>43</Id>"));
      yield return Pair("idgrupo-before-id", u("<IdGrupo>3</IdGrupo><Id>42</Id>"));
      yield return Pair("long-in-int-list", u("<IdIssuerBranches xmlns:d2p1=\"" + ArraysNs + "\"><d2p1:int>1</d2p1:int><d2p1:long>5</d2p1:long><d2p1:int>2</d2p1:int></IdIssuerBranches>"));
      yield return Pair("int-list-other-prefix", u("<IdIssuerBranches xmlns:x=\"" + ArraysNs + "\"><x:int>1</x:int><x:int>2</x:int></IdIssuerBranches>"));
      yield return Pair("int-list-nil-item", u("<IdIssuerBranches xmlns:d2p1=\"" + ArraysNs + "\"><d2p1:int i:nil=\"true\" /></IdIssuerBranches>"));
      yield return Pair("id-not-a-number", u("<Id>abc</Id>"));
      yield return Pair("id-padded", u("<Id> 42 </Id>"));
      yield return Pair("id-nil", u("<Id i:nil=\"true\" />"));
      yield return Pair("empty", u(""));
      yield return Pair("wrong-root", "<Usuario xmlns=\"" + UsuarioNs + "\"><Id>1</Id></Usuario>");
      yield return Pair("wrong-namespace", "<UsuarioDto xmlns=\"urn:x\"><Id>1</Id></UsuarioDto>");
      yield return Pair("no-namespace", "<UsuarioDto><Id>1</Id></UsuarioDto>");
      yield return Pair("prefixed-root", "<a:UsuarioDto xmlns:a=\"" + UsuarioNs + "\"><a:Id>9</a:Id><a:Username>p</a:Username></a:UsuarioDto>");
      yield return Pair("creationdate-after-username", u("<Username>u</Username><CreationDate>2026-01-13T05:55:51.302-06:00</CreationDate>"));
      yield return Pair("unknown-then-known", u("<Aaa>1</Aaa><Id>3</Id><Zzz>2</Zzz><Username>z</Username>"));
      yield return Pair("text-exact", u("<Username>  007 \r\n x </Username>"));
    } else {
      Func<string, string> u = inner => "<UserInfo xmlns=\"" + UserInfoNs + "\" xmlns:i=\"" + XsiNs + "\">" + inner + "</UserInfo>";
      const string G = "6f1c0000-0000-0000-0000-000000000001";
      yield return Pair("required-in-order", u("<deleted>true</deleted><id>" + G + "</id><state_id>1</state_id>"));
      yield return Pair("required-id-before-deleted", u("<id>" + G + "</id><deleted>true</deleted><state_id>1</state_id>"));
      yield return Pair("required-state-first", u("<state_id>1</state_id><deleted>true</deleted><id>" + G + "</id>"));
      yield return Pair("required-missing-state", u("<deleted>true</deleted><id>" + G + "</id>"));
      yield return Pair("required-missing-all", u(""));
      yield return Pair("optional-out-of-order", u("<deleted>false</deleted><email>e</email><agreement>true</agreement><id>" + G + "</id><state_id>2</state_id>"));
      yield return Pair("optional-after-last-required", u("<deleted>false</deleted><id>" + G + "</id><state_id>2</state_id><first_name>f</first_name>"));
      yield return Pair("required-duplicated", u("<deleted>false</deleted><deleted>true</deleted><id>" + G + "</id><state_id>2</state_id>"));
      yield return Pair("view-info-nested", u("<deleted>false</deleted><id>" + G + "</id><state_id>2</state_id><view_info><show_date_of_in_request>true</show_date_of_in_request><id>" + G + "</id></view_info>"));
      yield return Pair("view-info-in-order", u("<deleted>false</deleted><id>" + G + "</id><state_id>2</state_id><view_info><id>" + G + "</id><show_date_of_in_request>true</show_date_of_in_request></view_info>"));
      yield return Pair("guid-braces", u("<deleted>false</deleted><id>{" + G + "}</id><state_id>2</state_id>"));
      yield return Pair("bool-one", u("<deleted>1</deleted><id>" + G + "</id><state_id>2</state_id>"));
      yield return Pair("bool-True", u("<deleted>True</deleted><id>" + G + "</id><state_id>2</state_id>"));
      yield return Pair("birthdate-no-offset", u("<birthdate>1990-05-01T10:00:00</birthdate><deleted>false</deleted><id>" + G + "</id><state_id>2</state_id>"));
      yield return Pair("full-name-given", u("<deleted>false</deleted><full_name>x y</full_name><id>" + G + "</id><state_id>2</state_id>"));
      yield return Pair("required-nil", u("<deleted>false</deleted><id i:nil=\"true\" /><state_id>2</state_id>"));
    }
  }

  // ---- random instances ----
  static readonly string[] Words = { "bob", "ana", "O'Brien", "a&b<c>", "  spaced  ", "ñandú", "日本", "emoji \ud83d\ude00", "tab\tx", "line\nbreak", "cr\rlf", "", "007", "null", "true" };

  static string RandomString(Random r) { return r.Next(8) == 0 ? null : Words[r.Next(Words.Length)] + (r.Next(2) == 0 ? "" : r.Next(100000).ToString()); }

  static DateTime RandomDate(Random r) {
    long min = new DateTime(1950, 1, 1).Ticks, max = new DateTime(2080, 1, 1).Ticks;
    long ticks = min + (long)(r.NextDouble() * (max - min));
    switch (r.Next(3)) { case 0: ticks -= ticks % TimeSpan.TicksPerSecond; break; case 1: ticks -= ticks % TimeSpan.TicksPerMillisecond; break; }
    var kind = (DateTimeKind)r.Next(3); // Unspecified, Utc, Local
    return new DateTime(ticks, kind);
  }

  static int RandomInt(Random r) {
    switch (r.Next(6)) { case 0: return int.MaxValue; case 1: return int.MinValue; case 2: return 0; default: return r.Next(-100000, 100000); }
  }

  static bool? RandomBool(Random r) { int k = r.Next(3); return k == 0 ? (bool?)null : k == 1; }

  static UsuarioDto RandomUsuario(Random r) {
    return new UsuarioDto {
      Id = RandomInt(r), Username = RandomString(r), Mail = RandomString(r), PasswordSalt = RandomString(r), Password = RandomString(r),
      FirstName = RandomString(r), LastName = RandomString(r), CreationDate = RandomDate(r),
      LastSuccessLogin = r.Next(3) == 0 ? (DateTime?)null : RandomDate(r), Active = RandomBool(r), Blocked = RandomBool(r),
      FailedLoginAttempts = r.Next(3) == 0 ? (int?)null : RandomInt(r), IdRole = RandomInt(r),
      DisabledDate = r.Next(2) == 0 ? (DateTime?)null : RandomDate(r), BlockedDate = r.Next(2) == 0 ? (DateTime?)null : RandomDate(r),
      PasswordTemp = RandomString(r), PasswordTempSalt = RandomString(r), Email = RandomString(r), IdUser = RandomInt(r),
      Aliases = RandomString(r), ColorSettings = RandomString(r), IdIssuerBranchComma = RandomString(r),
      IdIssuerBranches = Enumerable.Range(0, r.Next(4)).Select(_ => RandomInt(r)).ToList(),
      IdGrupo = r.Next(3) == 0 ? (int?)null : RandomInt(r),
    };
  }

  static Guid? RandomGuid(Random r) { if (r.Next(4) == 0) return null; var b = new byte[16]; r.NextBytes(b); return new Guid(b); }

  static UserInfo RandomUserInfo(Random r) {
    return new UserInfo {
      Id = RandomGuid(r) ?? Guid.Empty, IsDelegated = RandomBool(r), Agreement = RandomBool(r),
      ViewInfo = r.Next(2) == 0 ? null : new ViewInfo { Id = RandomGuid(r), ShowDateOfInRequest = RandomBool(r) },
      IdRole = RandomGuid(r), IsEditor = RandomBool(r), FirstName = RandomString(r), LastName = RandomString(r),
      IsManager = RandomBool(r), IsHr = RandomBool(r), IsAdmin = RandomBool(r), ImageId = RandomGuid(r),
      Email = RandomString(r), Phone = RandomString(r), WebPopupIds = RandomString(r),
      Birthdate = r.Next(3) == 0 ? (DateTime?)null : RandomDate(r), Deleted = r.Next(2) == 0, StateId = RandomInt(r),
    };
  }
}

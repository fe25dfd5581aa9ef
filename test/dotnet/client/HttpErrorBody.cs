using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using Newtonsoft.Json.Linq;

namespace SessionGateway.Conformance {
  /// <summary>
  /// Web API 2's HttpError as a client reads it: a dictionary with Message and, for 400s,
  /// ModelState (key to messages). XML is read as HttpError.ReadXml reads it: element
  /// names decoded with XmlConvert.DecodeName.
  /// </summary>
  public sealed class HttpErrorBody {
    public readonly List<string> Keys = new List<string>();
    public string Message;
    public readonly Dictionary<string, List<string>> ModelState = new Dictionary<string, List<string>>();

    public static HttpErrorBody FromJson(string text) {
      var error = new HttpErrorBody();
      foreach (var property in JObject.Parse(text).Properties()) {
        error.Keys.Add(property.Name);
        if (property.Name == "Message") error.Message = (string)property.Value;
        if (property.Name == "ModelState")
          foreach (var entry in ((JObject)property.Value).Properties())
            error.ModelState[entry.Name] = entry.Value.Select(v => (string)v).ToList();
      }
      return error;
    }

    public static HttpErrorBody FromXml(byte[] body) {
      var error = new HttpErrorBody();
      using (var reader = XmlReader.Create(new MemoryStream(body))) {
        reader.MoveToContent();
        if (reader.LocalName != "Error" || reader.NamespaceURI != "")
          throw new CheckFailed("the XML error's root is <" + reader.Name + ">, not <Error>");
        if (reader.IsEmptyElement) return error;
        reader.ReadStartElement();
        reader.MoveToContent();
        while (reader.NodeType == XmlNodeType.Element) {
          string key = XmlConvert.DecodeName(reader.LocalName);
          error.Keys.Add(key);
          if (key == "ModelState") ReadModelState(reader, error.ModelState);
          else if (key == "Message") error.Message = reader.ReadElementContentAsString();
          else reader.Skip();
          reader.MoveToContent();
        }
      }
      return error;
    }

    static void ReadModelState(XmlReader reader, Dictionary<string, List<string>> into) {
      if (reader.IsEmptyElement) { reader.Read(); return; }
      reader.ReadStartElement();
      reader.MoveToContent();
      while (reader.NodeType == XmlNodeType.Element) {
        string key = XmlConvert.DecodeName(reader.LocalName);
        List<string> messages;
        if (!into.TryGetValue(key, out messages)) into[key] = messages = new List<string>();
        messages.Add(reader.ReadElementContentAsString());
        reader.MoveToContent();
      }
      reader.ReadEndElement();
    }

    public override string ToString() {
      return "Message=" + Message + (ModelState.Count == 0 ? "" :
        " ModelState={" + string.Join(", ", ModelState.Select(kv => kv.Key + ": [" + string.Join(" | ", kv.Value) + "]")) + "}");
    }
  }
}

using System;
using System.IO;

static class Program {
  static int Main(string[] args) {
    if (args.Length < 2) { Console.Error.WriteLine("usage: Generator.exe xml-reading|negotiation|forms FIXTURES_DIR [zone]"); return 2; }
    string root = args[1];
    switch (args[0]) {
      case "xml-reading": XmlReading.Generate(Path.Combine(root, "xml-reading"), args[2], StableSeed(args[2])); break;
      case "negotiation": Negotiation.Generate(Path.Combine(root, "negotiation"), 4242); break;
      case "forms": Forms.Generate(Path.Combine(root, "forms"), 2718); break;
      case "error-bodies":
        ErrorBodies.Generate(Path.Combine(root, "error-bodies"), 1618);
        JsonRequired.Generate(Path.Combine(root, "error-bodies"));
        break;
      default: Console.Error.WriteLine("unknown area " + args[0]); return 2;
    }
    return 0;
  }

  /** Same seed for the same zone on every runtime (string.GetHashCode is not guaranteed stable). */
  static int StableSeed(string text) {
    int seed = 17;
    foreach (char c in text) seed = unchecked(seed * 31 + c);
    return seed & 0x7fffffff;
  }
}

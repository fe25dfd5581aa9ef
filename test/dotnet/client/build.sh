#!/bin/sh
# Compiles the conformance client with Mono's C# compiler into bin/ (gitignored).
# Needs the Debian packages mono-devel and libnewtonsoft-json-cil-dev.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/bin"
exe="$out/conformance-client.exe"
if ! command -v mcs >/dev/null 2>&1; then
  echo "build.sh: mcs not found: install Mono (apt-get install mono-devel libnewtonsoft-json-cil-dev)" >&2
  exit 127
fi
# libnewtonsoft-json-cil-dev ships Newtonsoft.Json 6 under this (historical) directory name.
newtonsoft="${NEWTONSOFT_JSON_DLL:-/usr/lib/cli/Newtonsoft.Json-5.0/Newtonsoft.Json.dll}"
if [ ! -f "$newtonsoft" ]; then
  echo "build.sh: Newtonsoft.Json not found: install libnewtonsoft-json-cil-dev" >&2
  exit 127
fi
# Rebuild only when a source is newer than the executable.
if [ -f "$exe" ] && [ -z "$(find "$here" -maxdepth 1 -name '*.cs' -newer "$exe")" ]; then
  exit 0
fi
mkdir -p "$out"
mcs -nologo -warnaserror+ -out:"$exe" \
  -r:System.Net.Http -r:System.Runtime.Serialization -r:System.Xml -r:System.Xml.Linq \
  -r:"$newtonsoft" "$here"/*.cs
cp "$newtonsoft" "$out/"

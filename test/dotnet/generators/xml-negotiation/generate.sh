#!/usr/bin/env bash
# Decides wire-reading outcomes with the real .NET code on Mono and writes the
# fixtures the differential tests load (test/dotnet/fixtures/...).
# Needs mono-devel (mcs, mono) and Newtonsoft.Json 6 in the GAC (libnewtonsoft-json-cil-dev).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../../.." && pwd)"
fixtures="$repo/test/dotnet/fixtures"
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
lib=/usr/lib/mono/4.5
newtonsoft="$(ls /usr/lib/mono/gac/Newtonsoft.Json/6.*/Newtonsoft.Json.dll | head -1)"

# The contracts reference the GAC Newtonsoft; Mono's System.Net.Http.Formatting
# embeds its own copy, so the two are compiled apart.
mcs -nologo -warn:0 -target:library -out:"$build/Contracts.dll" -r:System.Runtime.Serialization -r:"$newtonsoft" \
  "$repo/../shared/legacy-contracts/Contracts.cs"
mcs -nologo -warn:0 -out:"$build/Generator.exe" -r:"$build/Contracts.dll" -r:System.Runtime.Serialization -r:System.Xml \
  -r:System.Xml.Linq -r:System.Net.Http -r:"$lib/System.Net.Http.Formatting.dll" -r:"$lib/System.Web.Http.dll" \
  -r:Newtonsoft6="$newtonsoft" "$here"/*.cs

# A DateTime of Local kind is written with the machine zone's offset: one run per zone.
for zone in UTC America/Mexico_City Asia/Kolkata America/St_Johns Pacific/Chatham Europe/Dublin; do
  TZ="$zone" mono "$build/Generator.exe" xml-reading "$fixtures" "$zone"
done
TZ=UTC mono "$build/Generator.exe" negotiation "$fixtures"
TZ=UTC mono "$build/Generator.exe" forms "$fixtures"
TZ=UTC mono "$build/Generator.exe" error-bodies "$fixtures"

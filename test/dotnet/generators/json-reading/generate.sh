#!/bin/sh
# Compiles the JSON-reading fixture generator with Mono and writes the fixtures
# (test/dotnet/fixtures/json-reading/*.json). Needs mono-devel and Newtonsoft.Json 6
# (Debian: libnewtonsoft-json-cil-dev). Deterministic: rerunning gives identical files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
contracts="$root/../shared/legacy-contracts/Contracts.cs"
[ -f "$contracts" ] || contracts=/work/shared/legacy-contracts/Contracts.cs
newtonsoft=$(ls /usr/lib/mono/gac/Newtonsoft.Json/6.0.0.0__*/Newtonsoft.Json.dll | head -n 1)
out="$root/test/dotnet/fixtures/json-reading"
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
mkdir -p "$out"
mcs -nologo -warn:0 -out:"$build/generate.exe" -r:"$newtonsoft" -r:System.Runtime.Serialization \
  -r:System.Net.Http -r:WebApi=System.Net.Http.Formatting \
  "$here/JsonReadingFixtures.cs" "$contracts"
cp "$newtonsoft" "$build/"
# The legacy server's zone gets the hand-written cases; every zone gets bodies the
# serializers wrote with its offsets (half hours, 45 minutes, DST, no DST, UTC).
TZ=America/Mexico_City mono "$build/generate.exe" "$out/America_Mexico_City.json" mexico-city hand-written
for zone in UTC Europe/Madrid Asia/Kolkata Australia/Lord_Howe America/St_Johns Pacific/Chatham; do
  TZ=$zone mono "$build/generate.exe" "$out/$(echo "$zone" | tr / _).json" "$(echo "$zone" | tr / - | tr '[:upper:]' '[:lower:]')"
done

#!/bin/sh
# npm run conformance -- --url URL [--api-key KEY] (--user U --password P | --admin-user A --admin-password P) ...
# Builds session-gateway's .NET conformance client with Mono (once) and runs it
# against a deployment. Prints one PASS/FAIL line per check; exit 0 iff all pass.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v mcs >/dev/null 2>&1 || ! command -v mono >/dev/null 2>&1; then
  cat >&2 <<'MSG'
conformance: Mono is not installed. The conformance kit is a real .NET client
(DataContractSerializer, DataContractJsonSerializer, Newtonsoft.Json 6, HttpClient)
and runs on Mono. On Debian/Ubuntu:
  sudo apt-get install mono-devel libnewtonsoft-json-cil-dev
MSG
  exit 127
fi
"$here/client/build.sh"
exec mono "$here/client/bin/conformance-client.exe" "$@"

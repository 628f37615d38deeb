#!/usr/bin/env bash
# Starts `policylang serve admission` over HTTPS on 127.0.0.1 with the restricted Pod Security set and the best
# practices, then sends RATE AdmissionReviews per second for SECONDS (default 1000/s for 30 s) from the open-loop
# generator in tests/PolicyLang.Hosts.Load and prints the figures (docs/performance.md).
# Usage: [HOST_ARGS="--decision-log-level none"] tests/PolicyLang.Hosts.Tests/Load/run-load.sh [RATE] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
rate="${1:-1000}"
seconds="${2:-30}"
port="${PORT:-18443}"
work="$(mktemp -d)"
dotnet build runtime/PolicyLang.Cli -c Release -v quiet -nologo >/dev/null
dotnet build tests/PolicyLang.Hosts.Load -c Release -v quiet -nologo >/dev/null
cli="runtime/PolicyLang.Cli/bin/Release/net10.0/policylang"
"$cli" build -p policies-stdlib/kubernetes/pod-security -p policies-stdlib/kubernetes/best-practices -o "$work/policies.bundle" --no-cache
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
"$cli" serve admission --bundle "$work/policies.bundle" --tls-cert "$work/tls.crt" --tls-key "$work/tls.key" \
  --address 127.0.0.1 --port "$port" ${HOST_ARGS:-} >"$work/host.log" 2>&1 &
host=$!
trap 'kill "$host" 2>/dev/null; wait "$host" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -skf "https://127.0.0.1:$port/readyz" >/dev/null && break
  sleep 0.2
done
curl -sk "https://127.0.0.1:$port/readyz"
status=0
tests/PolicyLang.Hosts.Load/bin/Release/net10.0/PolicyLang.Hosts.Load "https://127.0.0.1:$port/validate" "$rate" "$seconds" "$host" || status=$?
echo "decision log lines written: $(grep -c '"PolicyLang.Decisions"' "$work/host.log")"
curl -sk "https://127.0.0.1:$port/metrics" | grep -E '^policylang_admission_(requests_total|failures_total)|^policylang_admission_request_duration_seconds_bucket\{endpoint="validate",le="0\.00(05|1|25|5)"|_count' || true
exit "$status"

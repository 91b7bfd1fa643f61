-- wrk script: POST a GeefBewijs for a random prepared person; report figures as one JSON line.
local bodies = {}
for line in io.lines(os.getenv("LED_BENCH_BODIES")) do bodies[#bodies + 1] = line end
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/xml;charset=UTF-8"
wrk.headers["SOAPAction"] = '""'

request = function()
  return wrk.format(nil, nil, nil, bodies[math.random(#bodies)])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "socket_errors": %d, "non_2xx": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
